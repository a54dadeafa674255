"""Threats and calls to violence found by their structure, not by fixed sentences.

A clause is read as roles (`threat_lexicon.py`): an act of violence, the frame that
makes it a threat or a call (a first-person intention, a norm, a wish, a question,
an imperative, a verdict), and who it is done to. Any noun phrase can be the target:
"the first one of them I meet", "ce mec", "un de ces types", a mention or a group;
what makes an act harmless is said instead (an object, an idiom, a game, sport,
cooking), and reports, condemnations, negations and quotations count a tenth.

Spelling: words one dropped, doubled or swapped letter away from an act are read as
that act ("klil", "murdr", "égorgr"), unless they are themselves common words;
glued words are split into lexicon and everyday words where a part is an act or a weapon
("iwillkillyou", "I'mgoingtoshoothim", "lesgaysfautlesbrûler").
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from moderation.scoring import threat_lexicon as lex
from moderation.scoring.base import Match
from moderation.scoring.normalize import REPEATS, normalize
from moderation.scoring.threat_common_words import COMMON_WORDS

CLAUSE = re.compile(r"[.!?;\n]+|\s[-–—]\s")
QUOTE_CHARS = '"“”«»„'
NEGATORS = {"not", "never", "no", "nobody", "noone", "nothing", "neither", "nor", "ne", "n", "pas", "jamais", "aucun"}
RELATIVE = {"who", "qui", "which", "whom"}
AUXILIARIES = {"have", "has", "had", "were", "was", "ont", "a", "avait", "avaient", "sont", "est"}
DETERMINERS_FR = {"une", "la", "cette", "chaque", "quelle", "toute"}
WINDOW = 6
COORDINATED_WINDOW = 12
COORDINATORS = {"and", "then", "an", "n", "et", "puis"}
WITH = {"with", "wiv", "avec"}
TARGET_WINDOW = 5
MITIGATED = 0.1

# frame kind -> (category, weight with a person as target). With only a noun phrase of
# unknown kind as target the weight is WEAK_TARGET (review, not hold); with none, NO_TARGET.
WEIGHTS = {
    "intent": ("violence", 0.9),
    "norm": ("incitement", 0.88),
    "wish": ("incitement", 0.85),
    "question": ("incitement", 0.85),
    "imperative": ("incitement", 0.88),
}
WEAK_TARGET = 0.28
NO_TARGET = 0.25
HARM_WEIGHT = 0.85
ELIMINATION_WEIGHT = 0.8


def _phrases(spec: str) -> list[tuple[str, ...]]:
    out = []
    for phrase in spec.split("|"):
        stem = phrase.endswith("*")
        words = [w for part in phrase.rstrip("*").split() for w in normalize(part).split()]
        if not words:
            continue
        if stem:
            words[-1] += "*"
        out.append(tuple(words))
    return out


class PhraseSet:
    """Find phrases (tuples of words; a last word ending in * is a stem) in a list of words."""

    def __init__(self, phrases: Iterable[tuple[str, ...]]) -> None:
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        self.stems: list[tuple[str, ...]] = []
        for phrase in phrases:
            if len(phrase) == 1 and phrase[0].endswith("*"):
                self.stems.append(phrase)
            else:
                self.by_first.setdefault(phrase[0], []).append(phrase)
        for options in self.by_first.values():
            options.sort(key=len, reverse=True)
        self.words = {p[0] for p in self.by_first} | {p[0].rstrip("*") for p in self.stems}
        # One-word stems are looked up by the word's prefixes of each stem length, not tried in turn.
        self.stem_prefixes = {p[0][:-1] for p in self.stems}
        self.stem_lengths = sorted({len(prefix) for prefix in self.stem_prefixes})

    @staticmethod
    def _word_matches(pattern: str, word: str) -> bool:
        return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern

    def find(self, words: list[str]) -> list[tuple[int, int]]:
        """Non-overlapping (start, end) spans, longest first at each position."""
        spans = []
        i = 0
        while i < len(words):
            best = 0
            for phrase in self.by_first.get(words[i], ()):
                n = len(phrase)
                if all(self._word_matches(p, w) for p, w in zip(phrase, words[i : i + n], strict=False)) and (
                    i + n <= len(words)
                ):
                    best = n
                    break
            if not best:
                word = words[i]
                for k in self.stem_lengths:
                    if k > len(word):
                        break
                    if word[:k] in self.stem_prefixes:
                        best = 1
                        break
            if best:
                spans.append((i, i + best))
                i += best
            else:
                i += 1
        return spans


@dataclass
class Language:
    acts: PhraseSet
    harm: PhraseSet
    frames: dict[str, PhraseSet]
    imperative_leads: PhraseSet
    imperative_acts: PhraseSet
    targets: PhraseSet
    determiners: PhraseSet
    humans: PhraseSet
    objects: PhraseSet
    guards: PhraseSet
    elimination: PhraseSet
    reporting: PhraseSet
    spelling: dict[str, str]
    vocabulary: frozenset[str]
    glue_vocabulary: frozenset[str]
    glue_heads: frozenset[str]
    glue_stems: frozenset[str]
    glue_acts: re.Pattern[str]  # any act, weapon or stem inside a word: only such words are split


def _variants(word: str) -> set[str]:
    """Words one non-initial letter dropped, one letter inserted or doubled, or two neighbours swapped away."""
    out = set()
    letters = "abcdefghijklmnopqrstuvwxyz"
    for i in range(1, len(word)):
        out.add(word[:i] + word[i + 1 :])
        for c in letters:
            out.add(word[:i] + c + word[i:])
    for i in range(len(word) - 1):
        out.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
    out.discard(word)
    if word.isascii() and word.isalpha():
        # Letters only: normalising comes down to collapsing runs of a letter.
        return {REPEATS.sub(r"\1", v) for v in out}
    return {normalize(v).replace(" ", "") for v in out}


def _spelled_words(code: str) -> set[str]:
    """Words whose misspellings are read as them: acts, frame words, harm nouns, human nouns (4 letters or more
    once normalised; "kil" for "kill" too)."""
    words: set[str] = set()
    for spec in (lex.ACTS[code], lex.HARM_NOUNS[code], lex.HUMAN_NOUNS[code], *lex.FRAMES[code].values()):
        for phrase in _phrases(spec):
            words.update(w.rstrip("*") for w in phrase if len(w.rstrip("*")) >= 4 or w in ("kil", "tue", "gas"))
    return words


@lru_cache(maxsize=4)
def language(code: str) -> Language:
    acts = _phrases(lex.ACTS[code])
    harm = _phrases(lex.HARM_NOUNS[code])
    imperative = _phrases(lex.IMPERATIVE_ACTS[code])
    frames = {kind: PhraseSet(_phrases(spec)) for kind, spec in lex.FRAMES[code].items()}
    sets = {
        "targets": _phrases(lex.TARGETS[code]),
        "humans": _phrases(lex.HUMAN_NOUNS[code]),
        "objects": _phrases(lex.OBJECTS[code]),
    }
    vocabulary: set[str] = set()
    tables = (lex.ACTS, lex.HARM_NOUNS, lex.TARGETS, lex.HUMAN_NOUNS, lex.OBJECTS, lex.GUARDS, lex.ELIMINATION)
    for text in [table[code] for table in tables] + list(lex.FRAMES[code].values()):
        for phrase in _phrases(text):
            vocabulary.update(w.rstrip("*") for w in phrase)
    spelling: dict[str, str] = {}
    common = COMMON_WORDS.get(code, frozenset())
    for word in sorted(_spelled_words(code)):
        for variant in _variants(word):
            if len(variant) >= 3 and variant not in vocabulary and variant not in common:
                spelling.setdefault(variant, word)
    return Language(
        acts=PhraseSet(acts),
        harm=PhraseSet(harm),
        frames=frames,
        imperative_leads=PhraseSet(_phrases(lex.IMPERATIVE_LEADS[code])),
        imperative_acts=PhraseSet(imperative),
        targets=PhraseSet(sets["targets"]),
        determiners=PhraseSet(_phrases(lex.DETERMINERS[code])),
        humans=PhraseSet(sets["humans"]),
        objects=PhraseSet(sets["objects"]),
        guards=PhraseSet(_phrases(lex.GUARDS[code])),
        elimination=PhraseSet(_phrases(lex.ELIMINATION[code])),
        reporting=PhraseSet(_phrases(lex.REPORTING[code])),
        spelling=spelling,
        vocabulary=frozenset(vocabulary),
        glue_vocabulary=frozenset(vocabulary | {w for p in _phrases(lex.GLUE_WORDS[code]) for w in p}),
        glue_heads=frozenset(p[0] for p in acts + harm + imperative if not p[0].endswith("*")),
        glue_stems=frozenset(p[0][:-1] for p in acts if p[0].endswith("*") and len(p[0]) >= 5),
        glue_acts=_any_of(
            {
                p[0]
                for p in acts + harm + imperative
                if not p[0].endswith("*") and (len(p[0]) >= 4 or p[0] in SHORT_HEADS)
            }
            | {p[0][:-1] for p in acts if p[0].endswith("*") and len(p[0]) >= 5}
            | {"".join(p).rstrip("*") for p in acts if len(p) > 1}
        ),
    )


# One-letter pieces a glued word may hold: pronouns and what is left of an elision or a
# contraction once apostrophes are gone ("i'mgoingto" reads "i m going to", "jt'attends" "j t attends").
SINGLE_LETTERS = {"i", "j", "t", "l", "m", "s", "d", "u", "y", "n", "a"}
ELIDED = SINGLE_LETTERS - {"i", "u", "y", "a"}
# Acts of three letters once normalised that are read in glued words ("imgonnakillyou").
SHORT_HEADS = {"kil", "tue"}


# What may follow a stem in a glued word ("fusil*" in "lesfusiler", "slaughter*" in "slaughtering").
STEM_ENDINGS = {
    *("", "e", "s", "es", "er", "ez", "ent", "ons", "erai", "era", "erez", "eront", "ais", "ait", "ant"),
    *("ed", "ing", "ers", "ion", "ions", "ate", "ated", "ating", "ation", "ations"),
}


def _split_rank(parts: list[str]) -> tuple[int, int]:
    # Fewest words first; of as many, the one that restores more letters ("beat the", not "beat he").
    return len(parts), -sum(map(len, parts))


def _split_glued(word: str, vocabulary: frozenset[str], stems: frozenset[str] = frozenset()) -> list[str] | None:
    """ "iwillkillyou" -> ["i", "will", "kill", "you"]: the split into the fewest words of the vocabulary
    or words beginning with one of the stems, or None."""
    n = len(word)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for end in range(1, n + 1):
        for start in range(max(0, end - 14), end):
            prefix = best[start]
            if prefix is None:
                continue
            # A piece may also begin with the letter its neighbour ends with: normalising made one
            # letter of two ("beatthe" -> "beathe", "buryyou" -> "buryou").
            for piece in (word[start:end], word[start - 1 : end] if start else ""):
                known = piece in vocabulary or any(
                    piece.startswith(stem) and piece[len(stem) :] in STEM_ENDINGS for stem in stems
                )
                if known and (len(piece) > 1 or piece in SINGLE_LETTERS):
                    candidate = [*prefix, piece]
                    if best[end] is None or _split_rank(candidate) < _split_rank(best[end] or []):
                        best[end] = candidate
    parts = best[n]
    return parts


def _any_of(words: set[str]) -> re.Pattern[str]:
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


def _unglue(word: str, lang: Language) -> list[str]:
    """A glued word's parts where one of them is an act, a weapon or a way of getting rid of people;
    otherwise the word as it is ("nevertheless" stays whole)."""
    if not lang.glue_acts.search(word):
        return [word]  # most long words: no act inside, nothing to split (this runs for every post)
    parts = _split_glued(word, lang.glue_vocabulary, lang.glue_stems)
    if not parts or len(parts) < 3 or sum(len(part) >= 3 for part in parts) < 2 or parts[-1] in ELIDED:
        # Two words may be one compound ("snapshot", "shotguns", "breakdown"); "fusillade" is not
        # "fusil a de", nor "mustard" "must tar d".
        return [word]
    if lang.acts.find(parts) or any(
        (len(part) >= 4 or part in SHORT_HEADS) and part in lang.glue_heads for part in parts
    ):
        return parts
    if any(part.startswith(stem) for part in parts if part not in lang.glue_vocabulary for stem in lang.glue_stems):
        return parts
    return [word]


def _particles_together(words: list[str], lang: Language) -> list[str]:
    """ "run him over" -> "run over him", "beat them up" -> "beat up them": a phrasal verb whose object
    sits between the verb and its particle is read as the act it is."""
    out = list(words)
    for i in range(len(out) - 2):
        particles = lex.PARTICLES.get(out[i], ())
        if not particles:
            continue
        if out[i + 2] in particles and out[i + 1] in lex.OBJECT_PRONOUNS:
            out[i + 1], out[i + 2] = out[i + 2], out[i + 1]
        elif out[i + 1] in lex.NP_STARTS:  # "run the protesters over": after a short phrase naming people
            for j in range(i + 3, min(i + 5, len(out))):
                if out[j] in particles and lang.humans.find(out[i + 2 : j]):
                    out.insert(i + 1, out.pop(j))
                    break
    return out


def read_words(text: str, lang: Language) -> list[str]:
    words = []
    for word in normalize(text).split():
        if word in lang.spelling:
            words.append(lang.spelling[word])
        elif len(word) >= 7 and word not in lang.vocabulary and word not in lang.glue_vocabulary:
            words.extend(_unglue(word, lang))
        else:
            words.append(word)
    return _particles_together(words, lang)


def _near(spans: list[tuple[int, int]], start: int, end: int, before: int, after: int) -> bool:
    return any(s < end + after and e > start - before for s, e in spans)


def _mitigation(
    words: list[str], start: int, end: int, act: int, reporting: list[tuple[int, int]], quoted: bool, kind: str
) -> str:
    # A question keeps its negation ("why don't we...", "pourquoi on les a pas encore...").
    window = [] if kind == "question" else words[max(0, start - 3) : end]
    for i, word in enumerate(window):
        if word in NEGATORS or (word == "t" and i > 0 and window[i - 1].endswith("n")):
            return "negated"
        # Spoken French drops the "ne": "personne veut les tuer", "on va rien brûler".
        if word == "rien" or (word == "persone" and (i == 0 or window[i - 1] not in DETERMINERS_FR)):
            return "negated"
    if quoted:
        return "quoted"
    if any(e <= start + 1 and e > start - WINDOW - 2 for _s, e in reporting):
        return "reported"
    if act > 0 and words[act - 1] in RELATIVE:
        return "reported"  # "the men who beat her": an act described, not called for
    if act > 1 and words[act - 2] in RELATIVE and words[act - 1] in AUXILIARIES:
        return "reported"  # "those who have lynched him", "les mecs qui ont lynché ce migrant"
    return ""


CLAUSE_OR_QUOTE = re.compile(r"([\"“”«»„])|[.!?;…]+(?=\s|$)|\n+|\s[-–—]\s")


# Single quotation marks used as quotes ('we're going to shoot up your school'): an opening mark at
# the start of a word, a closing one at the end of a word, apostrophes inside words left alone.
# Three words at least: one or two are a name or a word held at a distance ('Miss Baghdad', 'changes').
SINGLE_QUOTED = re.compile(r"(?<!\w)['‘]((?:[^'‘’\n]|(?<=\w)['’](?=\w))+?)['’](?!\w)")


def _double_quoted(m: re.Match[str]) -> str:
    return f"“{m.group(1)}”" if len(m.group(1).split()) >= 3 else m.group(0)


def _clauses(text: str) -> list[tuple[str, bool]]:
    """Clauses of the text, split at sentence ends and at quotation marks, each with
    whether it is a quotation (what somebody else wrote, reported or condemned)."""
    text = SINGLE_QUOTED.sub(_double_quoted, text)
    out = []
    quoted = False
    at = 0
    for m in CLAUSE_OR_QUOTE.finditer(text + "\n"):
        piece = text[at : m.start()]
        if piece.strip():
            out.append((piece, quoted))
        at = m.end()
        mark = m.group(1)
        if mark:
            quoted = mark not in "”»" and not (quoted and mark == '"')
    return out


def warm() -> None:
    """Build every language's vocabulary now (a few hundred ms) rather than in the first post scored."""
    for code in lex.ACTS:
        language(code)


def find_threats(text: str, language_code: str) -> list[Match]:
    """Matches (rule "builtin:<lang>:threat:<frame>") for the threats and calls in the text."""
    code = language_code if language_code in lex.ACTS else ""
    codes = [code] if code else list(lex.ACTS)
    matches: list[Match] = []
    for c in codes:
        lang = language(c)
        for clause, quoted in _clauses(text):
            matches.extend(_clause_matches(read_words(clause, lang), lang, c, quoted))
    return matches


def _clause_matches(words: list[str], lang: Language, code: str, quoted: bool) -> list[Match]:
    if not words:
        return []
    guards = lang.guards.find(words)
    reporting = lang.reporting.find(words)
    targets = lang.targets.find(words)
    humans = lang.humans.find(words)
    objects = lang.objects.find(words)
    frames = [(kind, span) for kind, phrases in lang.frames.items() for span in phrases.find(words)]
    out: list[Match] = []

    seen: set[int] = set()

    def add(name: str, category: str, weight: float, start: int, end: int, act: int) -> None:
        if end in seen:
            return
        seen.add(end)
        mitigated = _mitigation(words, start, end, act, reporting, quoted, name)
        if guards and not mitigated:
            mitigated = "idiom"
        out.append(Match(f"builtin:{code}:threat:{name}", category, weight, " ".join(words[start:end]), mitigated))

    determiners = lang.determiners.find(words)

    def target_weight(start: int, end: int, full: float) -> float:
        """A person near the act (its object after it, a clitic or the subject of a norm before it): the full
        weight; only a noun phrase of unknown kind: WEAK_TARGET; nobody: NO_TARGET."""
        after_object = any(end <= s <= end + 2 for s, _e in objects)
        person = _near(targets, start, end, 4, TARGET_WINDOW) or _near(humans, start, end, 8, TARGET_WINDOW + 3)
        if person and not (after_object and not _near(humans, start, end, 0, TARGET_WINDOW)):
            return full
        if not after_object and _near(determiners, start, end, 4, TARGET_WINDOW):
            return min(full, WEAK_TARGET)
        return min(full, NO_TARGET)

    def object_only(start: int, end: int) -> bool:
        return any(end <= s <= end + 2 for s, _e in objects) and not _near(humans, start, end, 8, TARGET_WINDOW)

    leads = lang.imperative_leads.find(words)
    for start, end in lang.acts.find(words):
        if object_only(start, end):
            continue
        frame = None
        # The act right after "and"/"then", with its object, may be the second verb of the frame ("I'm
        # going to find out where he lives and shoot him"): the frame may then be further away.
        coordinated = start > 0 and words[start - 1] in COORDINATORS and _near(targets, start, end, 0, 2)
        reach = COORDINATED_WINDOW if coordinated else WINDOW
        for kind, (fs, fe) in frames:
            if fe <= end and fe >= start - reach and (frame is None or fs > frame[1][0]):
                frame = (kind, (fs, fe))
        if frame is None:
            if start == 0 or words[start - 1] == "usr" or any(e == start and s <= 2 for s, e in leads):
                frame = ("imperative", (0, start))
        if frame is None:
            continue
        kind, (fs, _fe) = frame
        category, weight = WEIGHTS[kind]
        add(kind, category, target_weight(min(fs, start), end, weight), min(fs, start), end, start)

    for start, end in lang.imperative_acts.find(words):
        if start == 0 or words[start - 1] == "usr" or any(e == start for _s, e in leads):
            if not object_only(start, end):
                category, weight = WEIGHTS["imperative"]
                weight = weight if end - start > 1 else target_weight(start, end, weight)
                add("imperative", category, weight, start, end, start)

    for start, end in lang.harm.find(words):
        # Coming for a person with a weapon, however long the sentence: "I'll be waiting for him in
        # the car park with a crowbar", "je t'attends à la sortie avec un couteau".
        if start > 0 and words[start - 1] in WITH:
            intents = [fs for kind, (fs, fe) in frames if kind == "intent" and fe <= start]
            between = any(e == start - 1 for _s, e in objects)  # "smash this printer with a hammer"
            if intents and not between and _near(humans + targets, intents[-1], end, 0, 3):
                add("intent", "violence", target_weight(intents[-1], start, HARM_WEIGHT), intents[-1], end, start)
                continue
        # The nearest frame before the weapon ("ça mérite pas la prison, ça mérite la mort").
        for kind, (fs, fe) in sorted(frames, key=lambda frame: -frame[1][0]):
            # "deserves a bullet", "who's bringing the rope", and "une balle, c'est ce qu'ils méritent".
            if (fs < start and fe >= start - WINDOW) or (end <= fs <= end + 4):
                first, last = min(fs, start), max(fe, end)
                # A weapon in an intention is a threat only against a person ("with a hammer" and a printer);
                # given in a verdict, a wish or a norm it is one whatever the target ("deserves a bullet").
                weight = HARM_WEIGHT if humans else target_weight(first, last, HARM_WEIGHT)
                if kind == "intent" and any(e == start - 1 for _s, e in objects):
                    weight = min(weight, NO_TARGET)  # "I'm going to smash this printer with a hammer"
                add("verdict", "incitement", weight if kind == "intent" else max(weight, 0.6), first, last, start)
                break

    for start, end in lang.elimination.find(words):
        add("elimination", "incitement", ELIMINATION_WEIGHT, start, end, start)
    return out
