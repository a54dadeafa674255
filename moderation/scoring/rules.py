"""The rule scorer: patterns over normalised text, with negation and quotation handling.

Pattern language (one rule = one line, tokens separated by spaces):
  word        a word in plain spelling (normalised like the text)
  a|b|c       alternatives; `_` inside an alternative stands for a space ("take_up_arms")
  {slot}      any phrase of a named list (see patterns.SLOTS); usable inside alternatives
  stem*       a word starting with the stem ("égorg*")
  token?      optional token
  ~N          up to N arbitrary words
A match counts less when it is negated ("I would never hurt anyone"), quoted, or
reported speech ("he said 'I will kill you' and that's unacceptable").
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from moderation.scoring.base import CATEGORIES, Context, Match, ScoreResult
from moderation.scoring.normalize import normalize
from moderation.scoring.patterns import BUILTIN, SLOTS
from moderation.scoring.threats import find_threats

# How much a negated, quoted or reported match still counts.
MITIGATED_FACTOR = 0.1
NEGATORS = {"not", "never", "no", "nobody", "noone", "nothing", "neither", "nor", "ne", "n", "pas", "jamais", "aucun"}
NEGATION_WINDOW = 3
MAX_MATCHES_PER_RULE = 3
REPORTING = {
    "said", "says", "say", "told", "tells", "wrote", "writes", "threatened", "threatens", "threatening", "tweeted",
    "posted", "claimed", "claims", "yelled", "shouted", "screamed", "quote", "quoting", "dit", "dis", "disait",
    "ecrit", "ecrivait", "menace", "menacait", "menacer", "criait", "hurlait", "affirme", "repete", "message",
    "like", "comme",
}  # fmt: skip
REPORTING_WINDOW = 6
QUOTED = re.compile(r"\"([^\"]{3,})\"|“([^”]{3,})”|«([^»]{3,})»|„([^“”]{3,})[“”]|(?:^|\s)'([^']{6,})'(?=$|[\s.,!?;:])")


class PatternError(ValueError):
    """A rule's pattern does not compile; the message says why."""


def _alternatives(token: str, slots: dict[str, list[str]]) -> list[str]:
    out: list[str] = []
    for alt in token.split("|"):
        if alt.startswith("{") and alt.endswith("}"):
            name = alt[1:-1]
            if name not in slots:
                raise PatternError(f"unknown list {{{name}}}")
            out.extend(slots[name])
        elif alt:
            out.append(alt.replace("_", " "))
    return out


def _alt_regex(phrase: str) -> str:
    stem = phrase.endswith("*")
    words = " ".join(w for part in phrase.rstrip("*").split() for w in normalize(part).split())
    if not words:
        return ""
    return re.escape(words) + (r"\S*" if stem else "") + " "


def compile_pattern(pattern: str, slots: dict[str, list[str]] | None = None) -> re.Pattern[str]:
    """Compile one pattern into a regular expression over " " + normalize(text) + " "."""
    slots = SLOTS if slots is None else slots
    tokens = pattern.split()
    if not tokens:
        raise PatternError("empty pattern")
    parts = []
    for token in tokens:
        optional = token.endswith("?") and len(token) > 1
        token = token[:-1] if optional else token
        if re.fullmatch(r"~\d{1,2}", token):
            parts.append(rf"(?:\S+ ){{0,{int(token[1:])}}}")
            continue
        alts = sorted({a for a in (_alt_regex(x) for x in _alternatives(token, slots)) if a}, key=len, reverse=True)
        if not alts:
            raise PatternError(f"nothing to match in {token!r}")
        fragment = "(?:" + "|".join(alts) + ")"
        parts.append(fragment + "?" if optional else fragment)
    try:
        return re.compile(" " + "".join(parts))
    except re.error as e:
        raise PatternError(str(e)) from None


@dataclass(frozen=True)
class RuleSpec:
    name: str
    category: str
    weight: float
    pattern: str
    language: str = ""  # empty: every language
    is_regex: bool = False


@dataclass(frozen=True)
class CompiledRule:
    spec: RuleSpec
    regex: re.Pattern[str]


def builtin_specs() -> list[RuleSpec]:
    return [RuleSpec(f"builtin:{name}", cat, weight, pattern, lang) for name, lang, cat, weight, pattern in BUILTIN]


def compile_rule(spec: RuleSpec) -> CompiledRule:
    if spec.category not in CATEGORIES:
        raise PatternError(f"unknown category {spec.category!r}")
    if spec.is_regex:
        try:
            return CompiledRule(spec, re.compile(spec.pattern))
        except re.error as e:
            raise PatternError(str(e)) from None
    return CompiledRule(spec, compile_pattern(spec.pattern))


def _quoted_segments(text: str) -> list[str]:
    return [normalize(next(g for g in m.groups() if g)) for m in QUOTED.finditer(text)]


def _mitigation(padded: str, start: int, end: int, quoted: list[str], matched: str) -> str:
    before = padded[:start].split()
    inside = padded[start:end].split()
    window = before[-NEGATION_WINDOW:] + inside
    for i, word in enumerate(window):
        if word in NEGATORS:
            return "negated"
        # English "n't": "won t", "don t", "wouldn t".
        if word == "t" and i > 0 and window[i - 1].endswith("n"):
            return "negated"
    if any(matched and matched in q for q in quoted):
        return "quoted"
    if REPORTING.intersection(before[-REPORTING_WINDOW:]):
        return "reported"
    return ""


class RuleScorer:
    """Scores with a fixed set of compiled rules; build one per rule set and reuse it."""

    name = "rules"

    def __init__(self, specs: Iterable[RuleSpec] | None = None, *, structural: bool | None = None) -> None:
        """`structural`: also find threats by their structure (`threats.py`); by default when the
        built-in rules are used (specs None)."""
        self.rules = [compile_rule(s) for s in (builtin_specs() if specs is None else specs)]
        self.structural = specs is None if structural is None else structural

    def score(self, text: str, language: str = "", context: Context | None = None) -> ScoreResult:
        padded = " " + normalize(text) + " "
        quoted = _quoted_segments(text) if any(q in text for q in "\"“«„'") else []
        language = (language or "").split("-")[0].lower()
        matches: list[Match] = []
        for rule in self.rules:
            # Rules of the other language still apply, a little weaker: language tags are often wrong.
            same = not rule.spec.language or not language or rule.spec.language == language
            for count, m in enumerate(rule.regex.finditer(padded)):
                if count == MAX_MATCHES_PER_RULE:
                    break
                matched = m.group(0).strip()
                mitigated = _mitigation(padded, m.start(), m.end(), quoted, matched)
                weight = rule.spec.weight if same else rule.spec.weight * 0.85
                matches.append(Match(rule.spec.name, rule.spec.category, weight, matched, mitigated))
        if self.structural:
            matches.extend(find_threats(text, language))
        scores = dict.fromkeys(CATEGORIES, 0.0)
        remaining = dict.fromkeys(CATEGORIES, 1.0)
        for match in matches:
            weight = match.weight * (MITIGATED_FACTOR if match.mitigated else 1.0)
            remaining[match.category] *= 1.0 - weight
        for category in CATEGORIES:
            scores[category] = round(1.0 - remaining[category], 4)
        links = context.links if context is not None else text.count("http")
        if links >= 2:
            scores["spam"] = round(1.0 - (1.0 - scores["spam"]) * 0.6, 4)
        return ScoreResult(scores=scores, matches=matches, scorer=self.name)
