"""Make Material's search find what a reader types, show readable snippets, and load on demand.

What Material's search plugin does on its own, and what this hook changes:

- **Readable index text.** The plugin indexes each page's HTML as it is. After
  hooks/katex.py a formula is there three times (KaTeX's MathML, its TeX
  annotation and the visible HTML: "(0,1)(0, 1)(0,1)"), notebooks carry raw
  ``$…$``, and every heading ends in its permalink mark "¶". Just before the
  plugin reads a page this hook hands it a copy in which each formula is one
  line of plain text (from KaTeX's MathML: ``σ(x)=1/(1+e^(−x))``) and the
  permalinks are gone; the reader's page is restored right after.
- **Function names.** Each function page's article entry gets a ``names``
  field (Korean and English names, id, aliases from the registry), indexed with
  the title's weight, and the index carries a ``names`` map from each name,
  normalised, to its page. The search worker (generated here, see
  :data:`WORKER`) puts that page first when the query *is* one of its names:
  lunr alone ranks by term statistics, and ``gelu`` is also a prefix of
  ``gelu_tanh``.
- **On demand.** Material fetches ``search/search_index.json`` on every page
  load (≈0.5 MB). Here that file holds only the configuration; the documents
  go to ``search/search_docs.json``, which the worker fetches when the reader
  opens search (docs/shared/reader.js tells it, over a BroadcastChannel) or,
  at the latest, with the first query.
- **Titles.** A notebook heading such as "the $p - y$ gradient" becomes the
  browser-tab title; its TeX is turned into text there too.
"""

# ruff: noqa: RUF001, RUF002 -- formulas as text: Greek letters, primes and minus signs are meant

from __future__ import annotations

import html
import json
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import material
from material.plugins.search.plugin import SearchPlugin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from activations.registry import REGISTRY

DOCS_FILE = "search/search_docs.json"
INDEX_FILE = "search/search_index.json"
WORKER_DIR = "assets/javascripts/workers/"
WORKER_NAME = "search-on-demand.js"
MATERIAL_WORKERS = Path(material.__file__).parent / "templates" / WORKER_DIR
NAMES_BOOST = 1000.0  # the weight Material gives titles

# Permalink marks, notebook prompts ("In [1]:") and the copy button's hidden "Copied!".
NOISE = re.compile(
    r'<a class="(?:headerlink|anchor-link)"[^>]*>[^<]*</a>'
    r'|<div class="jp-(?:Input|Output)Prompt[^"]*"[^>]*>[^<]*</div>'
    r'|<span class="notice"[^>]*>[^<]*</span>'
)
INVISIBLE = re.compile("[\u2061-\u2064\u200b]")  # MathML's function application etc.
KATEX_OPEN = '<span class="katex">'
TAG = re.compile(r"<(/?)span\b[^>]*>")
MATHML = re.compile(r"<math\b.*?</math>", re.S)
# TeX left for the browser (notebooks), outside code; never across a tag.
NOTEBOOK_MATH = re.compile(
    r"(?P<code><(?P<tag>pre|code|script|style)\b.*?</(?P=tag)>)"
    r"|\$\$(?P<display>[^$<>]+?)\$\$|\$(?P<inline>[^$<>\n]+?)\$",
    re.S,
)
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
CONFIG_WORKER = re.compile(
    r'("search":\s*"[^"]*' + re.escape(WORKER_DIR) + r')search\.[0-9a-f]+\.min\.js"'
)


# --- Formulas as one line of text ----------------------------------------------


class _Node:
    def __init__(self, tag: str) -> None:
        self.tag, self.children = tag, []


class _MathML(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list) -> None:
        node = _Node(tag)
        self.stack[-1].children.append(node)
        self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        while len(self.stack) > 1:
            if self.stack.pop().tag == tag:
                break

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _group(text: str) -> str:
    """Parenthesise a fraction's or a power's operand when it is more than one symbol."""
    return text if len(text) <= 1 or (text[0] == "(" and text[-1] == ")") else f"({text})"


def _text(node: _Node | str) -> str:
    if isinstance(node, str):
        return node.strip()
    if node.tag == "annotation":
        return ""
    parts = [_text(child) for child in node.children]
    parts = [p for p in parts if p]
    if node.tag == "mfrac" and len(parts) == 2:
        return f"{_group(parts[0])}/{_group(parts[1])}"
    if node.tag in ("msup", "msub") and len(parts) == 2:
        mark = "^" if node.tag == "msup" else "_"
        if node.tag == "msup" and parts[1] in ("′", "′′", "∗", "⊤"):
            return parts[0] + parts[1]
        return f"{parts[0]}{mark}{_group(parts[1])}"
    if node.tag == "msubsup" and len(parts) == 3:
        return f"{parts[0]}_{_group(parts[1])}^{_group(parts[2])}"
    if node.tag == "msqrt":
        return f"√{_group(''.join(parts))}"
    if node.tag in ("mtr",):
        return "; ".join(parts)
    if node.tag in ("mtd", "mtable"):
        return ", ".join(parts) if node.tag == "mtd" else " ".join(parts)
    return "".join(parts)


def mathml_text(mathml: str) -> str:
    """KaTeX's MathML as one line of text: ``σ(x)=1/(1+e^(−x))``."""
    parser = _MathML()
    parser.feed(mathml)
    parser.close()
    return " ".join(INVISIBLE.sub("", _text(parser.root)).split())


def _katex_end(content: str, start: int) -> int:
    """The index just past the </span> that closes the KaTeX span opening at ``start``."""
    depth = 0
    for match in TAG.finditer(content, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    raise ValueError(f"unbalanced KaTeX markup near {content[start : start + 80]!r}")


def tex_text(tex: str) -> str:
    """Raw TeX from a notebook, lightly turned into text (``p - y``, ``σ(z)``)."""
    text = re.sub(
        r"\\(?:frac|dfrac|tfrac)\{([^{}]*)\}\{([^{}]*)\}",
        lambda m: f"{_group(m[1])}/{_group(m[2])}",
        tex,
    )
    text = re.sub(r"\\(?:operatorname|mathrm|text|textstyle|mathbf|boldsymbol)\b\{?", "", text)
    text = re.sub(r"\\([A-Za-z]+)", lambda m: GREEK.get(m[1], m[1]), text)
    text = re.sub(r"\\[,;:! ]", " ", text).replace("{", "").replace("}", "").replace("\\", "")
    return " ".join(text.split())


GREEK = dict(
    pair.split("=")
    for pair in """
    alpha=α beta=β gamma=γ delta=δ epsilon=ε varepsilon=ε eta=η theta=θ lambda=λ mu=μ pi=π
    sigma=σ tau=τ phi=φ Phi=Φ psi=ψ partial=∂ sum=∑ top=⊤ cdot=· times=× approx=≈ le=≤ leq=≤
    ge=≥ geq=≥ infty=∞ to=→ in=∈ odot=⊙ prime=′ log=log exp=exp tanh=tanh max=max min=min
    ldots=… dots=… mid=| neq=≠ pm=±
""".split()
)


def readable(content: str) -> str:
    """Page HTML as the search index should see it: one form of each formula, no ¶."""
    content = NOISE.sub("", content)
    pieces, position = [], 0
    while (start := content.find(KATEX_OPEN, position)) != -1:
        end = _katex_end(content, start)
        math = MATHML.search(content, start, end)
        pieces += [content[position:start], html.escape(mathml_text(math.group(0)) if math else "")]
        position = end
    pieces.append(content[position:])
    content = "".join(pieces)
    # Notebooks keep their math as TeX for the browser to typeset.
    return NOTEBOOK_MATH.sub(_notebook_math, content)


def _notebook_math(match: re.Match) -> str:
    if match["code"]:
        return match["code"]
    return html.escape(tex_text(html.unescape(match["display"] or match["inline"])))


class _Readable:
    """The page as the search plugin should read it: the same page, readable content."""

    def __init__(self, page: Page) -> None:
        self._page, self.content = page, readable(page.content)
        self.title = html.unescape(readable(html.escape(page.title))) if page.title else page.title

    def __getattr__(self, name: str) -> object:
        return getattr(self._page, name)


@event_priority(-100)  # after the search plugin has indexed the page (priority 0)
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    """Index the page again from its readable form, replacing what the plugin added."""
    index = next(p for p in config.plugins.values() if isinstance(p, SearchPlugin)).search_index
    entries = index.entries
    while entries and entries[-1]["location"].split("#")[0] == page.url:
        entries.pop()
    index.add_entry_from_context(_Readable(page))
    return context


# --- Names of the functions ------------------------------------------------------


def normalise(query: str) -> str:
    """How the worker compares a query with a name (the same code runs there in JS)."""
    return " ".join(unicodedata.normalize("NFC", query).lower().split())


def function_names(entry, language: str) -> list[str]:
    """Every name a reader may type for ``entry``, most specific first."""
    names = [entry.id]
    if language == "ko":
        names.append(entry.name_ko)
        head, _, inner = entry.name_ko.partition(" (")
    names.append(entry.name_en)
    names += entry.aliases
    # Convenience names (the part before a parenthesis, each part of a Korean
    # one) yield to any function whose own name they are, and to the first
    # function in registry order that has them (GELU before GELU (tanh ...)).
    extras = [entry.name_en.partition(" (")[0]]
    if language == "ko":
        extras.append(head)
        if inner:
            extras += [part.strip() for part in inner.rstrip(")").split(",")]
    return [*dict.fromkeys(names)], [e for e in dict.fromkeys(extras) if e]


def names_map(language: str) -> dict[str, str]:
    """Normalised name -> page location; a name two functions claim fails the build."""
    owners: dict[str, str] = {}
    extra: dict[str, str] = {}
    for entry in REGISTRY.values():
        location = f"functions/{entry.id}/"
        names, extras = function_names(entry, language)
        for name in names:
            key = normalise(name)
            if owners.get(key, location) != location:
                raise ValueError(f"search: {name!r} names both {owners[key]} and {location}")
            owners[key] = location
        for name in extras:
            extra.setdefault(normalise(name), location)
    return {**{k: v for k, v in extra.items() if k not in owners}, **owners}


# --- The index and the worker ---------------------------------------------------


def split_index(index: dict, language: str) -> tuple[dict, dict]:
    """(configuration fetched on every page, documents fetched when search opens)."""
    names = names_map(language)
    per_page: dict[str, list[str]] = {}
    for entry in REGISTRY.values():
        all_names, extras = function_names(entry, language)
        per_page[f"functions/{entry.id}/"] = all_names + extras
    found = set()
    for doc in index["docs"]:
        if doc["location"] in per_page:
            doc["names"] = per_page[doc["location"]]
            found.add(doc["location"])
    missing = sorted(set(per_page) - found)
    if missing:
        raise ValueError(f"search: no index entry for the function page(s) {missing}")
    config = dict(index["config"])
    config["fields"] = {**config["fields"], "names": {"boost": NAMES_BOOST}}
    return {"config": config, "docs": []}, {"docs": index["docs"], "names": names}


def material_worker() -> str:
    workers = sorted(p.name for p in MATERIAL_WORKERS.glob("search.*.min.js"))
    if len(workers) != 1:
        raise FileNotFoundError(
            f"expected one Material search worker in {MATERIAL_WORKERS}, found {workers}"
        )
    return workers[0]


WORKER = r"""// Generated by hooks/search.py: Material's search worker, loaded on demand and
// with function names ranked first. See that hook's docstring.
"use strict";
let material = null;
const listen = self.addEventListener;
self.addEventListener = function (type, listener, ...rest) {
  if (type === "message") material = listener;
  else listen.call(self, type, listener, ...rest);
};
importScripts("__MATERIAL__");
self.addEventListener = listen;
const post = self.postMessage.bind(self);
const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
let setup = null, loading = null, names = {}, docs = new Map();

function normalise(query) {
  return query.normalize("NFC").toLowerCase().split(/\s+/).filter(Boolean).join(" ");
}

// Material's handler answers with postMessage; capture its answer instead.
function ask(message) {
  return new Promise(resolve => {
    self.postMessage = data => { self.postMessage = post; resolve(data); };
    material({ data: message });
  });
}

function load() {
  if (!loading) {
    loading = fetch(new URL("__DOCS__", setup.base)).then(r => r.json()).then(index => {
      names = index.names;
      for (const doc of index.docs) docs.set(doc.location, doc);
      return ask({ type: SETUP, data: { ...setup.data, docs: index.docs } });
    });
  }
  return loading;
}

function nameFirst(query, result) {
  const location = names[normalise(query)];
  if (!location) return result;
  const items = result.items.filter(group => group[0].location.split("#")[0] !== location);
  const own = result.items.find(group => group[0].location.split("#")[0] === location)
    || [{ ...docs.get(location), score: 0, terms: {} }];
  const best = Math.max(0, ...result.items.flat().map(item => item.score));
  // Enter opens the highest-scoring result, so first place needs the best score too.
  own[0] = { ...own[0], score: best + 1 };
  return { ...result, items: [own, ...items] };
}

new BroadcastChannel("search-on-demand").onmessage = () => { if (setup) load(); };

self.onmessage = async ({ data: message }) => {
  if (message.type === SETUP) {
    setup = { data: message.data, base: new URL("../../../", self.location) };
    post({ type: READY });
  } else if (message.type === QUERY) {
    if (!message.data.trim()) return post({ type: RESULT, data: { items: [] } });
    await load();
    const answer = await ask(message);
    post({ ...answer, data: nameFirst(message.data, answer.data) });
  }
};
"""


def on_files(files: Files, config: MkDocsConfig) -> Files:
    worker = WORKER.replace("__MATERIAL__", material_worker()).replace("__DOCS__", DOCS_FILE)
    files.append(File.generated(config, WORKER_DIR + WORKER_NAME, content=worker))
    return files


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    output, count = CONFIG_WORKER.subn(rf'\g<1>{WORKER_NAME}"', output, count=1)
    if count != 1:
        raise ValueError(f"{page.file.src_uri}: Material's search worker is not in __config")
    return TITLE.sub(lambda m: f"<title>{readable(m.group(1))}</title>", output, count=1)


@event_priority(-100)  # after the search plugin has written the index
def on_post_build(config: MkDocsConfig) -> None:
    path = Path(config.site_dir) / INDEX_FILE
    index = json.loads(path.read_text(encoding="utf-8"))
    stub, docs = split_index(index, config.theme["language"])
    compact = {"separators": (",", ":"), "ensure_ascii": False}
    path.write_text(json.dumps(stub, **compact), encoding="utf-8")
    (Path(config.site_dir) / DOCS_FILE).write_text(json.dumps(docs, **compact), encoding="utf-8")
