"""Labelled examples from CSV: id,text,lang,label_violence,label_hate,source (or class, as
in the functional suite).

An empty label means the source did not annotate it (unknown), never 0."""

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

LABELS = ("violence", "hate")
REQUIRED = {"text", "lang", "label_violence", "label_hate"}


class DataError(ValueError):
    pass


@dataclass(frozen=True)
class Example:
    id: str
    text: str
    lang: str
    labels: dict[str, int | None]
    source: str = ""


def _label(raw: str | None, *, line: int, column: str) -> int | None:
    value = (raw or "").strip()
    if value == "":
        return None
    try:
        number = float(value)
    except ValueError:
        raise DataError(f"line {line}: {column} must be 0, 1 or empty, not {value!r}") from None
    if number not in (0.0, 1.0):
        raise DataError(f"line {line}: {column} must be 0, 1 or empty, not {value!r}")
    return int(number)


def read_examples(path: str | Path) -> list[Example]:
    with open(path, newline="", encoding="utf-8") as handle:
        return parse_rows(csv.DictReader(handle))


def parse_rows(reader: Iterable[dict[str, str]] | csv.DictReader) -> list[Example]:
    fields = getattr(reader, "fieldnames", None)
    if fields is not None and not REQUIRED.issubset(fields):
        raise DataError(f"the CSV needs the columns {', '.join(sorted(REQUIRED))}")
    out = []
    for i, row in enumerate(reader, start=2):
        text = (row.get("text") or "").strip()
        if not text:
            continue
        labels = {name: _label(row.get(f"label_{name}"), line=i, column=f"label_{name}") for name in LABELS}
        out.append(
            Example(
                id=row.get("id") or str(i),
                text=text,
                lang=(row.get("lang") or "").strip().lower() or "und",
                labels=labels,
                source=row.get("source") or row.get("class") or "",
            )
        )
    if not out:
        raise DataError("no examples with text")
    return out
