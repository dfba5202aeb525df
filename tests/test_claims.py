"""What the pages say about a function agrees with its registry entry, in both languages.

The registry is checked against the functions in ``test_registry.py``; these
tests close the loop from the other side, reading the Markdown sources as a
reader reads them:

- the H1 of every function page is the registry name (the nav, the comparison
  table and the search title use the same name, so the four cannot disagree);
- a sentence on a function page that names a property (zero-centred, bounded,
  monotonic, in English or Korean) states what the registry says of that
  function, and the registry's flag is itself a measurement;
- a citation year next to a function's paper in prose is that paper's year in
  the registry, whose earliest paper is the year the timeline shows.

Each checker is also run on a deliberately wrong sentence, so a checker that
cannot fail is caught too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from activations.registry import REGISTRY, Activation, output_moments

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
LANGUAGES = ("ko", "en")
YEAR = re.compile(r"(?<![\d.])(1[89]\d\d|20[0-4]\d)(?![\d])")


def _ids(entry: Activation) -> str:
    return entry.id


def _page(language: str, entry: Activation) -> Path:
    return DOCS / language / "functions" / f"{entry.id}.md"


def _prose(markdown: str) -> str:
    """The page without front matter, code blocks, markers and tables: the sentences."""
    text = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    kept, fence = [], None
    for line in text.splitlines():
        stripped = line.lstrip()
        if fence is None and stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
        elif fence is not None:
            if stripped.startswith(fence):
                fence = None
        elif not stripped.startswith("|"):
            kept.append(line)
    return "\n".join(kept)


def _sentences(markdown: str) -> list[str]:
    """Paragraphs and list items, each cut into sentences (English '. ', Korean '다. ')."""
    blocks = re.split(r"\n\s*\n|\n\s*(?=[-*] |\d+\. |!!!|\?\?\?)", _prose(markdown))
    sentences = []
    for block in blocks:
        flat = " ".join(block.split())
        sentences += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z*\[(\"가-힣])", flat) if s]
    return sentences


# --- one name per function -------------------------------------------------------------


def _h1(path: Path) -> str:
    for line in _prose(path.read_text(encoding="utf-8")).splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    raise AssertionError(f"{path}: no H1")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("entry", REGISTRY.values(), ids=_ids)
def test_page_title_is_the_registry_name(entry: Activation, language: str) -> None:
    assert _h1(_page(language, entry)) == getattr(entry, f"name_{language}")


def test_the_nav_lists_every_function_under_its_registry_name(hooks) -> None:
    nav = hooks.load("nav")
    for language in LANGUAGES:
        listed = {
            path: title
            for section in nav.function_sections(language)
            for members in section.values()
            for member in members
            for title, path in member.items()
        }
        for entry in REGISTRY.values():
            page = f"functions/{entry.id}.md"
            assert listed[page] == _h1(DOCS / language / page), (language, entry.id)


# --- property phrases --------------------------------------------------------------------


@dataclass(frozen=True)
class Phrase:
    """A wording that states a property; ``holds`` says whether the registry agrees."""

    property: str
    pattern: re.Pattern[str]
    claim: str  # what the wording asserts, in the registry's terms

    def holds(self, entry: Activation) -> bool:
        if self.property == "zero_centred":
            return entry.zero_centred == (self.claim == "yes")
        if self.property == "bounded":
            sides = {
                "both": entry.bounded_below and entry.bounded_above,
                "not above": not entry.bounded_above,
                "above": entry.bounded_above,
                "below": entry.bounded_below,
                "not": not (entry.bounded_below and entry.bounded_above),
            }
            return sides[self.claim]
        if self.property == "monotonic":
            return (entry.monotonic == "non-monotonic") == (self.claim == "no")
        raise ValueError(self.property)


def _p(prop: str, claim: str, pattern: str) -> Phrase:
    return Phrase(prop, re.compile(pattern, re.I), claim)


PHRASES = (
    # English
    _p("zero_centred", "no", r"\b(?:not|never|non-?)\s*zero-centred\b"),
    _p("zero_centred", "yes", r"(?<!not )(?<!non-)(?<!non)\bzero-centred\b(?! activation must)"),
    _p("bounded", "not above", r"\bunbounded above\b|\bnot bounded above\b"),
    _p("bounded", "above", r"(?<![-\w])bounded above\b"),
    _p("bounded", "below", r"(?<![-\w])bounded below\b"),
    _p("bounded", "both", r"(?<![-\w])bounded(?! (?:above|below))\b(?!-)"),
    _p("monotonic", "no", r"\bnon-?monotonic\b|\bnot monotonic\b"),
    _p("monotonic", "yes", r"(?<!non-)(?<!non)(?<!not )\bmonotonic(?:ally)?\b"),
    # Korean ("영 중심" is the spelling the glossary retires, still checked)
    _p("zero_centred", "no", r"(?:0|영) 중심(?:이|도|은) 아[니닙님]"),
    _p("zero_centred", "yes", r"(?:0|영) 중심(?:이고|이며|입니다|인 )"),
    _p("bounded", "not above", r"위로(?:는)? 유계(?:도|가|는) 아[니닙님]"),
    _p("bounded", "below", r"아래로(?:는)? 유계(?:이고|이며|입니다|인 )"),
    _p("bounded", "above", r"위로 유계(?:이고|이며|입니다|인 )"),
    _p("bounded", "both", r"(?<!로 )(?<!로는 )유계(?:이고|이며|입니다|인 )"),
    _p("monotonic", "no", r"단조(?: 함수)?(?:가|도) 아[니닙님]|비단조|단조 아님"),
    _p("monotonic", "yes", r"단조 증가|단조(?:이고|이며|입니다)"),
)


# A property word right after one of these is about something else ("the derivative is
# bounded", "a target that is bounded", "도함수가 유계").
OTHER_SUBJECT = re.compile(
    r"(?:derivative|gradient|target|input|도함수|기울기|입력)\W{0,3}\w{0,8}\W{0,3}\w{0,4}\W*$"
)


def _states(phrase: Phrase, sentence: str) -> bool:
    return any(
        not OTHER_SUBJECT.search(sentence[max(m.start() - 30, 0) : m.start()])
        and not sentence.startswith(" by", m.end())
        for m in phrase.pattern.finditer(sentence)
    )


def _claims(sentence: str) -> list[Phrase]:
    """The phrases a sentence uses; a negated wording hides the positive one it contains."""
    found = [p for p in PHRASES if _states(p, sentence)]
    positive = ("yes", "both", "above", "below")
    negated = {p.property for p in found if p.claim not in positive}
    return [p for p in found if not (p.property in negated and p.claim in positive)]


def _contradictions(entry: Activation, markdown: str) -> list[str]:
    return [
        f"{phrase.property}={phrase.claim!r}: {sentence[:160]}"
        for sentence in _sentences(markdown)
        for phrase in _claims(sentence)
        if not phrase.holds(entry)
    ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("entry", REGISTRY.values(), ids=_ids)
def test_property_words_on_a_function_page_agree_with_its_card(
    entry: Activation, language: str
) -> None:
    markdown = _page(language, entry).read_text(encoding="utf-8")
    assert _contradictions(entry, markdown) == []


@pytest.mark.parametrize(
    ("entry_id", "sentence"),
    [
        ("gelu", "- Non-monotonic and zero-centred; the negative dip is small."),
        ("leaky_relu", "- 여전히 0 중심이고 0에서 꺾입니다."),
        ("tanh", "- 단조가 아니고 0 중심도 아닙니다."),
        ("tanh", "- **Not zero-centred**, unlike the sigmoid."),
        ("relu", "- **0 중심이 아니고** 위로 유계입니다."),
        ("sigmoid", "- The sigmoid is monotonic and unbounded above."),
        ("silu", "- SiLU는 단조 증가하는 함수입니다."),
    ],
)
def test_a_reintroduced_contradiction_is_caught(entry_id: str, sentence: str) -> None:
    assert _contradictions(REGISTRY[entry_id], sentence + "\n")


def test_the_checker_reads_the_phrases_it_claims_to() -> None:
    assert _contradictions(REGISTRY["relu"], "- **Not zero-centred** and unbounded above.\n") == []
    assert _contradictions(REGISTRY["tanh"], "- 유계이고 0 중심이며 매끄럽습니다.\n") == []


# --- years -------------------------------------------------------------------------------


def _surname(authors: str) -> str:
    first = authors.split(",")[0].strip()
    return first.split()[-1]


# Every paper year the registry knows for a first author, across all entries.
_PAPER_YEARS: dict[str, set[int]] = {}
for _entry in REGISTRY.values():
    for _paper in _entry.papers:
        _PAPER_YEARS.setdefault(_surname(_paper.authors), set()).add(_paper.year)


def _mentions(entry: Activation) -> re.Pattern[str]:
    names = {entry.id, entry.name_en.split(" (")[0], *entry.name_en.split(" / "), *entry.aliases}
    words = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True) if len(n) > 2)
    return re.compile(rf"{re.escape(entry.id)}\.md|(?<![\w-])(?:{words})(?![\w-])", re.I)


_MENTIONS = {entry.id: _mentions(entry) for entry in REGISTRY.values() if entry.papers}


def _year_problems(markdown: str, own: str | None = None) -> list[str]:
    """Citation years of a function's papers that differ from the registry's year."""
    problems = []
    for block in re.split(r"\n\s*\n|\n\s*(?=[-*] )", _prose(markdown)):
        flat = " ".join(block.split())
        named = {i for i, pattern in _MENTIONS.items() if i == own or pattern.search(flat)}
        surnames = {_surname(p.authors) for i in named for p in REGISTRY[i].papers}
        for surname in surnames:
            # "Glorot and Bengio (2010)", "(Dauphin et al., 2017)", "Dauphin 외, 2017"; a
            # closing bracket or a semicolon ends the citation before any year.
            cited = re.compile(rf"\b{re.escape(surname)}\b[^();]{{0,50}}?(?:\(|,\s*){YEAR.pattern}")
            for year in cited.finditer(flat):
                if int(year[1]) not in _PAPER_YEARS[surname]:
                    match = year
                    problems.append(
                        f"{surname} {year[1]}: registry has {sorted(_PAPER_YEARS[surname])} "
                        f"— {flat[max(match.start() - 40, 0) : year.end() + 20]}"
                    )
        # "[ELU](elu.md) (2016)": a bare year right after a function is its year.
        for i in named:
            entry = REGISTRY[i]
            for match in _MENTIONS[i].finditer(flat):
                bare = re.match(r"\)?\**\s*\((\d{4})\)", flat[match.end() : match.end() + 12])
                if bare and int(bare[1]) != entry.year:
                    problems.append(f"{i} ({bare[1]}): registry year {entry.year}")
    return problems


def _pages() -> list[Path]:
    return sorted(p for language in LANGUAGES for p in (DOCS / language).rglob("*.md"))


@pytest.mark.parametrize("path", _pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_cited_years_are_the_registry_years(path: Path) -> None:
    own = path.stem if path.parent.name == "functions" and path.stem in REGISTRY else None
    assert _year_problems(path.read_text(encoding="utf-8"), own) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "- **[ELU](../functions/elu.md)** (Clevert, Unterthiner & Hochreiter, 2016): smooth.",
        "- **게이트 선형 유닛**: [GLU](../functions/glu.md)(Dauphin 외, 2017)는 입력의 절반을",
        "Softsign was proposed by Bergstra et al. (2010) as a cheap tanh.",
        "[SiLU](silu.md) (2017) multiplies the input by its sigmoid.",
    ],
)
def test_a_wrong_year_is_caught(sentence: str) -> None:
    assert _year_problems(sentence + "\n")


def test_every_function_year_is_its_earliest_paper() -> None:
    for entry in REGISTRY.values():
        if entry.papers:
            assert entry.year == min(p.year for p in entry.papers), entry.id


# --- what the generated card and table show ---------------------------------------------


def _context(markers: object, src_uri: str, language: str) -> object:
    page = type("Page", (), {"file": type("File", (), {"src_uri": src_uri})()})()
    return markers.Context(page, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_card_and_table_show_the_measured_mean_and_its_verdict(hooks, language: str) -> None:
    markers = hooks.load("markers")
    text = markers.TEXT[language]
    table = markers.comparison(_context(markers, "comparison.md", language), None)
    rows = [line for line in table.splitlines() if line.startswith("| [")]
    assert len(rows) == len(REGISTRY)
    for entry, row in zip(REGISTRY.values(), rows, strict=True):
        mean = f"{output_moments(entry.id).mean:+.3f}".replace("-0.000", "0.000")
        mean = mean.replace("+0.000", "0.000")
        verdict = text["yes"] if entry.zero_centred else text["no"]
        name = getattr(entry, f"name_{language}")
        # A real link to the function page, not escaped Markdown.
        assert row.startswith(f"| [{name}](functions/{entry.id}.md) |"), row
        # A number in the table is text (with a real minus sign), not math.
        as_text = mean.replace("-", "\u2212")
        assert f"| {verdict} ({as_text}) |" in row, row
        card = markers.card(_context(markers, f"functions/{entry.id}.md", language), entry)
        assert f"| {text['zero_centred']} | {verdict} |" in card
        assert f"| {text['mean']} | ${mean}$ |" in card
