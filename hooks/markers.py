"""Replace the ``<!-- activations:... -->`` markers of a page with content from the registry.

A marker stands on a line of its own: ``<!-- activations:NAME -->`` or
``<!-- activations:NAME ID -->`` (see MARKERS). The replacement is Markdown in
the page's language (theme.language), so a fact is written once, in the
registry, and both languages show the same value. An unknown marker, an unknown
id or a malformed marker raises: nothing is silently left out.
"""

from __future__ import annotations

import html
import math
import posixpath
import re
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from activations.registry import (
    FAMILIES,
    REGISTRY,
    ZERO_CENTRED_TOLERANCE,
    Activation,
    output_moments,
)
from activations_site import framework_tabs
from activations_site import plots as figures

ROOT = Path(__file__).resolve().parent.parent
PLOTS = ROOT / "build" / "plots"
GLOSSARY = ROOT / "docs" / "glossary.yml"

LINE = re.compile(r"^<!-- activations:(?P<name>[a-z-]+)(?: (?P<id>[a-z0-9_]+))? -->[ \t]*$", re.M)
ANY = re.compile(r"<!--\s*activations:")

TEXT = {
    "ko": {
        "yes": "예",
        "no": "아니오",
        "none": "없음",
        "vector": "해당 없음 (벡터 함수)",
        "property": "성질",
        "value": "값",
        "range": "치역",
        "monotonic": "단조성",
        "zero_centred": "0 중심",
        "mean": "출력 평균 $\\mathrm{E}[f(X)]$, $X \\sim \\mathcal{N}(0, 1)$",
        "zero_centred_column": "0 중심 ($\\mathrm{E}[f(X)]$)",
        "columns": {"smoothness": "매끄러움", "cost": "비용"},
        "short": {
            "increasing": "증가",
            "non-decreasing": "비감소",
            "non-monotonic": "아님",
            "discontinuous": "불연속",
            "C0": "$C^0$",
            "C1": "$C^1$",
            "C∞": "$C^\\infty$",
            "left": "왼쪽",
            "right": "오른쪽",
            "both": "양쪽",
            "none": "없음",
            "low": "낮음",
            "medium": "중간",
            "high": "높음",
        },
        "legend": "단조성의 '아님'은 단조 함수가 아니라는 뜻입니다. $C^0$은 연속이지만 꺾인 점이 "
        "있고, $C^1$은 도함수까지 연속, $C^\\infty$는 무한 번 미분 가능합니다. 포화는 도함수가 "
        "0으로 가는 쪽($x \\to -\\infty$가 왼쪽)입니다. 괄호 안의 수는 $X \\sim \\mathcal{N}(0, 1)$"
        "일 때의 출력 평균이며, 그 절댓값이 출력 표준편차의 {tolerance}배 이하이면 0 중심입니다. "
        "벡터 함수(GLU, SwiGLU, 소프트맥스)는 길이 2의 입력에서 첫 출력 성분을 잽니다. 비용은 "
        "위에서 정의한 상대 계산 비용입니다. 좁은 화면에서는 표를 옆으로 밀어 보세요. 함수 이름 "
        "열은 고정되어 있습니다.",
        "bounded": "유계",
        "below": "아래",
        "above": "위",
        "smoothness": "매끄러움",
        "saturating": "포화",
        "self_gated": "자기 게이트",
        "parameters": "매개변수 (기본값)",
        "cost": "상대 계산 비용",
        "aliases": "다른 이름",
        "kink": "미분 불가능한 점",
        "ours": "이 패키지",
        "no_gradient": "기울기 없음",
        "framework": "프레임워크",
        "calls": "같은 계산",
        "notes": "기본값 차이와 주의점",
        "no_builtin": "내장 함수 없음",
        "function": "함수",
        "family": "계열",
        "year": "연도",
        "paper": "논문",
        "no_paper": "이 함수를 처음 제안한 단일 논문은 없습니다.",
        "link": "논문 보기",
        "term": "용어",
        "definition": "정의",
        "increasing": "증가",
        "non-decreasing": "비감소",
        "non-monotonic": "단조 아님",
        "discontinuous": "불연속",
        "C0": "$C^0$ (연속, 꺾인 점 있음)",
        "C1": "$C^1$",
        "C∞": "$C^\\infty$",
        "left": "왼쪽 ($x \\to -\\infty$)",
        "right": "오른쪽 ($x \\to \\infty$)",
        "both": "양쪽",
        "low": "낮음",
        "medium": "중간",
        "high": "높음",
        "plot_elementwise": "{name}: $f(x)$ (실선)와 도함수 $f'(x)$ (점선), 기본 매개변수, "
        "$x \\in [-7, 7]$.",
        "plot_jump": " 채운 점은 불연속점에서 실제로 돌려주는 값입니다.",
        "plot_inputs": "{name}를 두 입력의 함수로 그린 그래프: 위는 값 입력을 고정하고 "
        "게이트 입력에 따라, 아래는 게이트 입력을 고정하고 값 입력에 따라 그린 출력 "
        "(아래 각 직선의 기울기가 게이트의 출력), $[-7, 7]$.",
        "inputs_alt": "{name}를 값 입력과 게이트 입력에 따라 나누어 그린 그래프",
        "plot_first-of-pair": "{name}: 입력 $[x, 0]$ 의 첫 번째 출력 (실선)과 그 $x$ 에 대한 "
        "편미분 (점선), $x \\in [-7, 7]$.",
        "plot_tied-halves": "{name}: 두 절반을 같게 둔 입력 $[x, x]$ 의 출력 (실선)과 그 $x$ 에 "
        "대한 도함수 (점선), $x \\in [-7, 7]$.",
        "alt": "{name}와 도함수의 그래프",
        "explore": "탐색기에서 열기 ({name})",
        "family_alt": "{family}에 속한 함수들을 겹쳐 그린 그래프",
    },
    "en": {
        "yes": "yes",
        "no": "no",
        "none": "none",
        "vector": "not defined (vector function)",
        "property": "Property",
        "value": "Value",
        "range": "Range",
        "monotonic": "Monotonic",
        "zero_centred": "Zero-centred",
        "mean": "Mean output $\\mathrm{E}[f(X)]$, $X \\sim \\mathcal{N}(0, 1)$",
        "zero_centred_column": "Zero-centred ($\\mathrm{E}[f(X)]$)",
        "columns": {"smoothness": "Smooth", "cost": "Cost"},
        "short": {
            "increasing": "incr.",
            "non-decreasing": "non-decr.",
            "non-monotonic": "no",
            "discontinuous": "jump",
            "C0": "$C^0$",
            "C1": "$C^1$",
            "C∞": "$C^\\infty$",
            "left": "left",
            "right": "right",
            "both": "both",
            "none": "none",
            "low": "low",
            "medium": "medium",
            "high": "high",
        },
        "legend": "Monotonic: incr. = increasing, non-decr. = non-decreasing, no = not "
        "monotonic. Smooth(ness): jump = discontinuous, $C^0$ = continuous with kinks, $C^1$ = "
        "continuous derivative, $C^\\infty$ = infinitely differentiable. Saturates: the side "
        "where the derivative tends to 0 (left is $x \\to -\\infty$). The number in brackets "
        "is the mean output for $X \\sim \\mathcal{N}(0, 1)$; a function is zero-centred when "
        "its size is at most {tolerance} times the output's standard deviation. Vector "
        "functions (GLU, SwiGLU, softmax) are measured on inputs of length 2, first output "
        "component. Cost is the relative cost defined above. On a narrow screen, swipe the table "
        "sideways: the function column stays.",
        "bounded": "Bounded",
        "below": "below",
        "above": "above",
        "smoothness": "Smoothness",
        "saturating": "Saturates",
        "self_gated": "Self-gated",
        "parameters": "Parameters (defaults)",
        "cost": "Relative cost",
        "aliases": "Also known as",
        "kink": "Non-differentiable points",
        "ours": "this package",
        "no_gradient": "no gradient",
        "framework": "Framework",
        "calls": "Same computation",
        "notes": "Default differences and caveats",
        "no_builtin": "no built-in",
        "function": "Function",
        "family": "Family",
        "year": "Year",
        "paper": "Paper",
        "no_paper": "No single paper introduced this function.",
        "link": "read the paper",
        "term": "Term",
        "definition": "Definition",
        "increasing": "increasing",
        "non-decreasing": "non-decreasing",
        "non-monotonic": "not monotonic",
        "discontinuous": "discontinuous",
        "C0": "$C^0$ (continuous, with kinks)",
        "C1": "$C^1$",
        "C∞": "$C^\\infty$",
        "left": "left ($x \\to -\\infty$)",
        "right": "right ($x \\to \\infty$)",
        "both": "both sides",
        "low": "low",
        "medium": "medium",
        "high": "high",
        "plot_elementwise": "{name}: $f(x)$ (solid) and its derivative $f'(x)$ (dashed) at the "
        "default parameters, $x \\in [-7, 7]$.",
        "plot_jump": " A filled dot is the value returned at a jump.",
        "plot_inputs": "{name} as a function of its two inputs: top, the output against the gate "
        "input for fixed value inputs; bottom, against the value input for fixed gate inputs "
        "(the slope of each line is the gate's output), on $[-7, 7]$.",
        "inputs_alt": "Plot of {name} against its value input and its gate input",
        "plot_first-of-pair": "{name}: the first output for the input $[x, 0]$ (solid) and its "
        "partial derivative in $x$ (dashed), $x \\in [-7, 7]$.",
        "plot_tied-halves": "{name}: the output for equal halves $[x, x]$ (solid) and its "
        "derivative in $x$ (dashed), $x \\in [-7, 7]$.",
        "alt": "Plot of {name} and its derivative",
        "explore": "Open in the explorer ({name})",
        "family_alt": "The {family} functions drawn together",
    },
}
FRAMEWORK_NAMES = {"pytorch": "PyTorch", "keras": "Keras", "jax": "JAX"}



class Context:
    """The page being rendered: its language and where it sits in the site."""

    def __init__(self, page: Page, language: str) -> None:
        self.language = language
        self.text = TEXT[language]
        self.directory = posixpath.dirname(page.file.src_uri)

    def link(self, target: str) -> str:
        """Relative Markdown link target from this page to a site path."""
        return posixpath.relpath(target, self.directory or ".")

    def name(self, entry: Activation) -> str:
        return getattr(entry, f"name_{self.language}")


def _entry(entry_id: str | None, marker: str) -> Activation:
    if entry_id is None:
        raise ValueError(f"marker {marker!r} needs an activation id")
    if entry_id not in REGISTRY:
        raise KeyError(f"marker {marker!r}: unknown activation id {entry_id!r}")
    return REGISTRY[entry_id]


def _number(value: float) -> str:
    if math.isinf(value):
        return "$\\infty$" if value > 0 else "$-\\infty$"
    text = f"{value:.6g}"
    return f"${text}$"


def _as_text(number: str) -> str:
    """A number for a table cell as text, with a real minus sign. A number needs no
    typesetting, and each typeset one is a dozen elements for the browser to lay out
    (75 of them made up a third of the comparison page's elements)."""
    return number.replace("-", "\u2212")


def _short_number(value: float) -> str:
    """A registry number for a table cell: four significant digits, as text (infinity
    stays math)."""
    return _as_text(f"{float(f'{value:.4g}'):.6g}") if math.isfinite(value) else _number(value)


def _mean_text(entry: Activation) -> str:
    """The measured mean output for X ~ N(0, 1), signed, three decimals (no "-0.000")."""
    text = f"{output_moments(entry.id).mean:+.3f}"
    return "0.000" if text in ("+0.000", "-0.000") else text


def _mean(entry: Activation) -> str:
    return f"${_mean_text(entry)}$"


def _prose(text: str) -> str:
    """Registry prose as Markdown text: "[a](b)" in a sentence must not become a link."""
    return text.replace("](", "]&#40;")


def _cell(text: str) -> str:
    return _prose(text).replace("|", "\\|").replace("\n", " ")


def _code(call: str) -> str:
    return f"<code>{html.escape(call)}</code>"


def formula(ctx: Context, entry: Activation) -> str:
    return f"$$\n{entry.latex}\n$$\n\n$$\n{entry.latex_derivative}\n$$\n"


def _svg_size(path: Path) -> tuple[int, int]:
    head = path.read_text(encoding="utf-8")[:2000]
    found = re.search(r'<svg[^>]*\bwidth="([\d.]+)pt"[^>]*\bheight="([\d.]+)pt"', head)
    if not found:
        raise ValueError(f"{path}: no width/height in pt")
    return round(float(found[1]) * 4 / 3), round(float(found[2]) * 4 / 3)


def _figure(ctx: Context, name: str, alt: str, caption: str) -> str:
    path = PLOTS / ctx.language / name  # hooks/plots.py draws each language's own figures
    if not path.is_file():
        raise FileNotFoundError(f"{path} was not generated")
    width, height = _svg_size(path)
    return (
        f'<figure class="activation-plot" markdown="span">\n'
        f'![{alt}]({ctx.link("plots/" + name)}){{ width="{width}" height="{height}" '
        f'loading="lazy" }}\n'
        f"<figcaption>{html.escape(caption, quote=False)}</figcaption>\n</figure>\n"
    )


def plot(ctx: Context, entry: Activation) -> str:
    kind = figures.slice_kind(entry)
    name = ctx.name(entry)
    caption = ctx.text[f"plot_{kind}"].format(name=name)
    if figures.has_jump_marks(entry):
        caption += ctx.text["plot_jump"]
    figure = _figure(ctx, f"{entry.id}.svg", ctx.text["alt"].format(name=name), caption)
    if entry.id in ("softmax", "log_softmax"):
        # Logits without functions: the explorer scrolls to its softmax panel.
        # (Not #softmax: the offline link check cannot follow a fragment into a
        # directory URL.)
        link = f"{ctx.link('explorer.md')}?sm=2,1,-1"
    elif entry.kind != "elementwise":
        return figure
    else:
        # The explorer reads its view from the query: this function, f and f'.
        link = f"{ctx.link('explorer.md')}?fn={entry.id}:fd"
    text = ctx.text["explore"].format(name=name)
    return figure + f"\n[{text}]({link}){{ .explorer-link }}\n"


def plot_inputs(ctx: Context, entry: Activation) -> str:
    if entry.id not in {e.id for e in figures.two_input_entries()}:
        raise ValueError(f"{entry.id} is not a function of a value and a gate")
    name = ctx.name(entry)
    return _figure(
        ctx,
        f"{entry.id}-inputs.svg",
        ctx.text["inputs_alt"].format(name=name),
        ctx.text["plot_inputs"].format(name=name),
    )


def _kink_table(ctx: Context, entry: Activation) -> str:
    kink = entry.kink
    if kink is None:
        return ""
    t = ctx.text

    def value(v: float | None) -> str:
        return t["no_gradient"] if v is None else _number(v)

    rows = [f"| $x$ | {t['ours']} | PyTorch | JAX | TensorFlow |", "|---|---|---|---|---|"]
    for i, point in enumerate(kink.points):
        cells = [value(getattr(kink, who)[i]) for who in ("ours", "torch", "jax", "tensorflow")]
        rows.append(f"| {_number(point)} | " + " | ".join(cells) + " |")
    explanation = getattr(kink, ctx.language)
    return f"\n**{t['kink']}** — $f'$\n\n" + "\n".join(rows) + f"\n\n{_cell(explanation)}\n"


def card(ctx: Context, entry: Activation) -> str:
    t = ctx.text

    def yes(flag: bool) -> str:
        return t["yes"] if flag else t["no"]

    parameters = (
        "<br>".join(
            f"<code>{p.name}</code> = {_number(p.default)} — {_cell(getattr(p, ctx.language))}"
            for p in entry.parameters
        )
        or t["none"]
    )
    rows = [
        (t["range"], f"${entry.range_latex}$"),
        (t["monotonic"], t[entry.monotonic] if entry.monotonic else t["vector"]),
        (t["zero_centred"], yes(entry.zero_centred)),
        (t["mean"], _mean(entry)),
        (
            t["bounded"],
            f"{t['below']}: {yes(entry.bounded_below)} · {t['above']}: {yes(entry.bounded_above)}",
        ),
        (t["smoothness"], t[entry.smoothness]),
        (t["saturating"], t[entry.saturating] if entry.saturating else t["vector"]),
        (t["self_gated"], yes(entry.self_gated)),
        ("$f(0)$", _number(entry.f0) if entry.f0 is not None else t["vector"]),
        ("$f'(0)$", _number(entry.df0) if entry.df0 is not None else t["vector"]),
        (t["parameters"], parameters),
        (t["cost"], t[entry.cost]),
    ]
    if entry.aliases:
        rows.append((t["aliases"], ", ".join(entry.aliases)))
    table = "\n".join(
        [f"| {t['property']} | {t['value']} |", "|---|---|"]
        + [f"| {k} | {_cell(v)} |" for k, v in rows]
    )
    return (
        f'<div class="activation-card" markdown="block">\n\n{table}\n\n'
        f"{_kink_table(ctx, entry)}\n</div>\n"
    )


def frameworks(ctx: Context, entry: Activation) -> str:
    return framework_tabs.render(ctx.language, entry, _code)


def paper(ctx: Context, entry: Activation) -> str:
    if not entry.papers:
        return ctx.text["no_paper"] + "\n"
    return "".join(
        # A citation is English bibliographic data: marked so, screen readers read it
        # in English and the Korean pages' language check knows it is meant.
        f'- <span lang="en">{_prose(p.authors)} ({p.year}). *{_prose(p.title)}*. '
        f"{_prose(p.venue)}.</span>" + (f" [{ctx.text['link']}]({p.url})" if p.url else "")
        + "\n"
        for p in entry.papers
    )


def _families() -> list[tuple]:
    return [(f, [e for e in REGISTRY.values() if e.family == f.id]) for f in FAMILIES]


def _page_link(ctx: Context, entry: Activation) -> str:
    return f"[{ctx.name(entry)}]({ctx.link(f'functions/{entry.id}.md')})"


def _range_short(entry: Activation) -> str:
    """The range as a plain interval: "[\\approx -0.16997, \\infty)" becomes "[-0.17, \\infty)"."""
    if not any(sign in entry.range_latex for sign in ("=", "\\approx", "\\quad")):
        return f"${entry.range_latex}$"
    r = entry.output_range

    def end(value: float) -> str:
        return ("-" if value < 0 else "") + "\\infty" if math.isinf(value) else f"{value:.4g}"

    left = "[" if r.lower_closed else "("
    right = "]" if r.upper_closed else ")"
    return f"${left}{end(r.lower)}, {end(r.upper)}{right}$"


def comparison(ctx: Context, _: Activation | None) -> str:
    t = ctx.text
    short = t["short"]
    header = [
        t["function"],
        t["range"],
        t["monotonic"],
        t["zero_centred_column"],
        t["columns"]["smoothness"],
        t["saturating"],
        "$f(0)$",
        "$f'(0)$",
        t["columns"]["cost"],
    ]
    rows = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for entry in REGISTRY.values():
        cells = [
            _range_short(entry),
            short[entry.monotonic] if entry.monotonic else "—",
            f"{t['yes'] if entry.zero_centred else t['no']} ({_as_text(_mean_text(entry))})",
            short[entry.smoothness],
            short[entry.saturating] if entry.saturating else "—",
            _short_number(entry.f0) if entry.f0 is not None else "—",
            _short_number(entry.df0) if entry.df0 is not None else "—",
            short[entry.cost],
        ]
        # The name is a real link; only the registry's own prose is escaped.
        rows.append(f"| {_page_link(ctx, entry)} | " + " | ".join(_cell(c) for c in cells) + " |")
    table = "\n".join(rows)
    legend = _prose(t["legend"].replace("{tolerance}", f"{ZERO_CENTRED_TOLERANCE:g}"))
    return (
        f'<div class="activation-comparison" markdown="block">\n\n{table}\n\n</div>\n\n'
        f"{legend}\n"
    )


def family_plots(ctx: Context, _: Activation | None) -> str:
    parts = []
    for family, members in _families():
        name = getattr(family, f"name_{ctx.language}")
        description = getattr(family, f"description_{ctx.language}")
        listed = ", ".join(_page_link(ctx, e) for e in members)
        parts.append(f"**{name}** — {_prose(description)}\n")
        parts.append(
            _figure(
                ctx,
                f"family-{family.id}.svg",
                ctx.text["family_alt"].format(family=name),
                f"{name}: {listed_names(ctx, members)}",
            )
        )
        parts.append(f"{listed}\n")
    return "\n".join(parts)


def listed_names(ctx: Context, members: list[Activation]) -> str:
    return ", ".join(ctx.name(e) for e in members)


def timeline(ctx: Context, _: Activation | None) -> str:
    t = ctx.text
    rows = [f"| {t['year']} | {t['function']} | {t['paper']} |", "|---|---|---|"]
    dated = sorted((e for e in REGISTRY.values() if e.year is not None), key=lambda e: e.year)
    for entry in dated:
        first = min(entry.papers, key=lambda p: p.year)
        title = f"*{_cell(first.title)}*"
        cited = f"[{title}]({first.url})" if first.url else f"{title}, {_cell(first.venue)}"
        link = _page_link(ctx, entry)
        rows.append(
            f'| {entry.year} | {link} | <span lang="en">{_cell(first.authors)}, {cited}</span> |'
        )
    return "\n".join(rows) + "\n"


def function_index(ctx: Context, _: Activation | None) -> str:
    parts = []
    for family, members in _families():
        parts.append(f"**{getattr(family, f'name_{ctx.language}')}**\n")
        parts += [
            f"- {_page_link(ctx, e)} — {_prose(getattr(e, f'summary_{ctx.language}'))}"
            for e in members
        ]
        parts.append("")
    return "\n".join(parts)


def glossary(ctx: Context, _: Activation | None) -> str:
    import yaml

    entries = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))
    t = ctx.text
    rows = [f"| {t['term']} | {t['definition']} |", "|---|---|"]
    for entry in sorted(entries, key=lambda e: e[ctx.language].casefold()):
        term = f"{entry['ko']} ({entry['en']})" if ctx.language == "ko" else entry["en"]
        rows.append(f"| **{_cell(term)}** | {_cell(entry[f'{ctx.language}_definition'])} |")
    return "\n".join(rows) + "\n"


PER_ENTRY: dict[str, Callable[[Context, Activation], str]] = {
    "formula": formula,
    "plot": plot,
    "plot-inputs": plot_inputs,
    "card": card,
    "frameworks": frameworks,
    "paper": paper,
}
SITE_WIDE: dict[str, Callable[[Context, None], str]] = {
    "comparison": comparison,
    "family-plots": family_plots,
    "timeline": timeline,
    "function-index": function_index,
    "glossary": glossary,
}
MARKERS = set(PER_ENTRY) | set(SITE_WIDE)


def render(markdown: str, page: Page, language: str) -> str:
    ctx = Context(page, language)

    def replace(match: re.Match[str]) -> str:
        name, entry_id = match["name"], match["id"]
        where = f"{page.file.src_uri}: <!-- activations:{name} {entry_id or ''} -->"
        if name in PER_ENTRY:
            return PER_ENTRY[name](ctx, _entry(entry_id, where))
        if name in SITE_WIDE:
            if entry_id is not None:
                raise ValueError(f"{where}: this marker takes no id")
            return SITE_WIDE[name](ctx, None)
        raise ValueError(f"{where}: unknown marker (known: {', '.join(sorted(MARKERS))})")

    result = LINE.sub(replace, markdown)
    if ANY.search(result):
        line = next(ln for ln in result.splitlines() if ANY.search(ln))
        raise ValueError(f"{page.file.src_uri}: malformed activations marker: {line.strip()!r}")
    return result


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return render(markdown, page, config.theme["language"])
