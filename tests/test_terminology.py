"""One Korean term per concept: the variants docs/glossary.yml retires stay retired.

Each glossary entry may list, under ``ko_avoid``, Korean variants retired in
favour of its term (하방 기울기 for 서브그래디언트, 모형 for 모델). A reader of
the Korean pages, notebook prose or glossary definitions must never meet one
of them outside code. A variant matches only at the start of a word (Korean
attaches particles after a word, not before it), so 파라미터 does not flag
하이퍼파라미터, and across a line break, since the pages wrap their lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
GLOSSARY = DOCS / "glossary.yml"

FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,}).*?^[ \t]*\1[ \t]*$", re.M | re.S)
INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1", re.S)
CELL = re.compile(r"^# %%(.*)$", re.M)
# Letters that would make the variant the tail of a longer word.
WORD_BEFORE = r"(?<![0-9A-Za-z_\uac00-\ud7a3\u3131-\u318e])"


@dataclass(frozen=True)
class Retired:
    variant: str
    chosen: str
    pattern: re.Pattern[str]


def _blank(match: re.Match[str]) -> str:
    # Keep the line count so that offences report the right line.
    return re.sub(r"[^\n]", " ", match.group(0))


def markdown_prose(text: str) -> str:
    """The Markdown with code blocks and inline code blanked out."""
    return INLINE_CODE.sub(_blank, FENCE.sub(_blank, text))


def notebook_prose(source: str) -> str:
    """The Markdown cells of a jupytext percent notebook; code cells are blanked."""
    kept: list[str] = []
    cells = CELL.split(source)
    # cells = [preamble, header1, body1, header2, body2, ...]
    kept.append(_blank(re.match(r"(?s).*", cells[0])))
    for header, body in zip(cells[1::2], cells[2::2], strict=True):
        kept.append(" " * (len(header) + 4))
        if "[markdown]" in header:
            lines = [re.sub(r"^# ?", "", line) for line in body.split("\n")]
            kept.append(markdown_prose("\n".join(lines)))
        else:
            kept.append(re.sub(r"[^\n]", " ", body))
    return "".join(kept)


def retired_terms(entries: list[dict]) -> list[Retired]:
    retired = []
    for entry in entries:
        for variant in entry.get("ko_avoid", []):
            words = (re.escape(word) for word in variant.split())
            pattern = re.compile(WORD_BEFORE + r"\s+".join(words))
            retired.append(Retired(variant, entry["ko"], pattern))
    return retired


def offences(text: str, retired: list[Retired], name: str) -> list[str]:
    found = []
    for term in retired:
        for match in term.pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{name}:{line}: {term.variant!r} → {term.chosen!r}")
    return found


def korean_sources() -> list[Path]:
    pages = sorted((DOCS / "ko").rglob("*.md"))
    # The notebooks live per language today; a single source per notebook
    # (docs/notebooks/*.py) carries the Korean prose in its own cells.
    notebooks = sorted((DOCS / "ko" / "notebooks").glob("*.py"))
    notebooks += sorted((DOCS / "notebooks").glob("*.py"))
    return pages + notebooks


@pytest.fixture(scope="module")
def glossary() -> list[dict]:
    return yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def retired(glossary: list[dict]) -> list[Retired]:
    return retired_terms(glossary)


def test_the_glossary_retires_variants_without_retiring_its_own_terms(
    glossary: list[dict], retired: list[Retired]
) -> None:
    assert len(retired) >= 10, "docs/glossary.yml lists no retired variants (ko_avoid)"
    for entry in glossary:
        term = entry["ko"]
        assert not [r.variant for r in retired if r.pattern.search(term)], (
            f"glossary term {term!r} is itself a retired variant"
        )


def test_korean_pages_and_notebooks_use_only_the_chosen_terms(retired: list[Retired]) -> None:
    sources = korean_sources()
    assert any(p.suffix == ".py" for p in sources), "no Korean notebook found"
    found = []
    for path in sources:
        text = path.read_text(encoding="utf-8")
        prose = notebook_prose(text) if path.suffix == ".py" else markdown_prose(text)
        found += offences(prose, retired, path.relative_to(ROOT).as_posix())
    assert not found, "retired Korean variants (use the glossary's term):\n" + "\n".join(found)


def test_korean_glossary_definitions_use_only_the_chosen_terms(
    glossary: list[dict], retired: list[Retired]
) -> None:
    found = []
    for entry in glossary:
        found += offences(entry["ko_definition"], retired, f"glossary {entry['ko']!r}")
    assert not found, "\n".join(found)


def test_a_retired_variant_is_found_in_prose_and_ignored_in_code(retired: list[Retired]) -> None:
    page = (
        "순전파\n신경망은 꺾임점이 없습니다. 하이퍼파라미터는 괜찮습니다.\n\n"
        "```python\n>>> 모형 = 1\n```\n`파라미터` 코드도 괜찮습니다.\n"
    )
    found = sorted(offences(markdown_prose(page), retired, "page"))
    assert found == [
        "page:1: '순전파 신경망' → '피드포워드 신경망'",
        "page:2: '꺾임점' → '꺾인 점'",
    ]
    notebook = (
        "# %% [markdown]\n# 야코비 행렬(Jacobian)을 봅니다.\n\n"
        "# %%\nlabel = '모형'  # 코드 셀의 문자열\n"
    )
    found = offences(notebook_prose(notebook), retired, "nb")
    assert found == ["nb:2: '야코비 행렬' → '야코비안'"]
