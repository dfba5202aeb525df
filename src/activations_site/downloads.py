"""The registry as downloadable data (JSON and CSV) and each paper as BibTeX.

Generated at build time from :mod:`activations.registry`, so the files cannot
disagree with the pages. One row per function: its properties, the formulas in
LaTeX, the parameter defaults, the framework calls, its papers and year. The
licence is the project's (``pyproject.toml``), stated in the JSON and on the
"Use the code" page.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from typing import Any

from activations.registry import REGISTRY, Activation, Paper
from activations_site.wheel import project

JSON_NAME = "activations-registry.json"
CSV_NAME = "activations-registry.csv"
FRAMEWORK_IDS = ("pytorch", "keras", "jax")
# Several framework calls or papers in one CSV cell.
CSV_SEPARATOR = " ; "


def _number(value: float | None) -> float | str | None:
    """JSON has no infinity: write it as the string "inf" / "-inf"."""
    if value is None:
        return None
    if value in (float("inf"), float("-inf")):
        return "inf" if value > 0 else "-inf"
    return value


def row(entry: Activation) -> dict[str, Any]:
    """One function's facts as plain data."""
    return {
        "id": entry.id,
        "name_en": entry.name_en,
        "name_ko": entry.name_ko,
        "aliases": list(entry.aliases),
        "family": entry.family,
        "kind": entry.kind,
        "latex": entry.latex,
        "latex_derivative": entry.latex_derivative,
        "range_latex": entry.range_latex,
        "range_lower": _number(entry.output_range.lower),
        "range_upper": _number(entry.output_range.upper),
        "monotonic": entry.monotonic,
        "zero_centred": entry.zero_centred,
        "bounded_below": entry.bounded_below,
        "bounded_above": entry.bounded_above,
        "smoothness": entry.smoothness,
        "saturating": entry.saturating,
        "self_gated": entry.self_gated,
        "f0": _number(entry.f0),
        "df0": _number(entry.df0),
        "cost": entry.cost,
        "parameters": {p.name: p.default for p in entry.parameters},
        "frameworks": {f.framework: list(f.calls) for f in entry.frameworks},
        "papers": [
            {"authors": p.authors, "year": p.year, "title": p.title, "venue": p.venue,
             "url": p.url}
            for p in entry.papers
        ],
        "year": entry.year,
    }


def registry_json() -> str:
    meta = project()
    document = {
        "name": "activations registry",
        "source": f"{meta.name} {meta.version}, activations.registry",
        "license": meta.license,
        "functions": [row(e) for e in REGISTRY.values()],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


CSV_COLUMNS = (
    "id", "name_en", "name_ko", "aliases", "family", "kind", "latex", "latex_derivative",
    "range_latex", "range_lower", "range_upper", "monotonic", "zero_centred", "bounded_below",
    "bounded_above", "smoothness", "saturating", "self_gated", "f0", "df0", "cost",
    "parameters", *(f"{f}_calls" for f in FRAMEWORK_IDS), "papers", "paper_urls", "year",
)


def csv_row(entry: Activation) -> dict[str, str]:
    data = row(entry)
    flat: dict[str, Any] = {k: v for k, v in data.items() if k in CSV_COLUMNS}
    flat["aliases"] = CSV_SEPARATOR.join(entry.aliases)
    flat["parameters"] = CSV_SEPARATOR.join(f"{p.name}={p.default!r}" for p in entry.parameters)
    for framework in FRAMEWORK_IDS:
        flat[f"{framework}_calls"] = CSV_SEPARATOR.join(data["frameworks"][framework])
    flat["papers"] = CSV_SEPARATOR.join(f"{p.authors} ({p.year}). {p.title}" for p in entry.papers)
    flat["paper_urls"] = CSV_SEPARATOR.join(p.url for p in entry.papers)
    return {k: "" if v is None else str(v) for k, v in flat.items()}


def registry_csv() -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for entry in REGISTRY.values():
        writer.writerow(csv_row(entry))
    return out.getvalue()


def _ascii_word(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z]", "", plain)


def bibtex_key(paper: Paper) -> str:
    first_author = paper.authors.split(",")[0].split(" and ")[0].strip()
    surname = _ascii_word(first_author.split()[-1]) if first_author else "anon"
    first_word = next(
        (w for w in (_ascii_word(w) for w in paper.title.split()) if len(w) > 3), "paper"
    )
    return f"{surname.lower()}{paper.year}{first_word.lower()}"


def _authors(authors: str) -> str:
    """"A, B & C" / "A, B and C" as BibTeX's "A and B and C"."""
    cleaned = authors.replace(" & ", ", ").replace(", and ", ", ").replace(" and ", ", ")
    return " and ".join(a.strip() for a in cleaned.split(",") if a.strip())


def _escape(text: str) -> str:
    return re.sub(r"([&%$#_])", r"\\\1", text)


def bibtex(paper: Paper) -> str:
    """One paper as a BibTeX @misc entry (venue in howpublished, so any kind fits)."""
    fields = {
        "author": _authors(paper.authors),
        "title": "{" + _escape(paper.title) + "}",
        "howpublished": _escape(paper.venue),
        "year": str(paper.year),
        "url": paper.url,
    }
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
    return f"@misc{{{bibtex_key(paper)},\n{body}\n}}\n"


def bibtex_block(entry: Activation) -> str:
    return "\n".join(bibtex(p) for p in entry.papers)
