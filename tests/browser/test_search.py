"""Search as a reader uses it: type a name into the box, read the results, open search late.

Every query is typed through the search field of the page (Material searches on
key events), and the outcome is read from the results the page shows. To know
that the list on screen answers the *last* query (and not a prefix of it typed
a moment earlier), an init script counts the queries the page posts to the
search worker and the answers it gets back; a test waits for that state, then
for the list to show the worker's last answer.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit

import pytest
from browser_kit import LANGUAGES

from activations.registry import REGISTRY

WATCH_WORKER = """
    window.__search = { sent: 0, answered: 0, query: null, first: null, ready: false };
    const Original = window.Worker;
    window.Worker = class extends Original {
        constructor(...args) {
            super(...args);
            this.addEventListener('message', ({ data }) => {
                if (data.type === 1) window.__search.ready = true;
                if (data.type !== 3) return;
                window.__search.answered += 1;
                const items = data.data.items;
                window.__search.first = items.length ? items[0][0].location : '';
            });
        }
        postMessage(message, ...rest) {
            if (message && message.type === 2) {
                window.__search.sent += 1;
                window.__search.query = message.data;
            }
            return super.postMessage(message, ...rest);
        }
    };
"""


def names_to_type(language: str) -> list[tuple[str, str]]:
    """(name, page) for every name of every function a reader of ``language`` may type.

    Read from the registry at test time: names change there, never here.
    """
    pairs = []
    heads = [entry.name_ko.partition(" (")[0] for entry in REGISTRY.values()]
    for entry in REGISTRY.values():
        names = [entry.id, entry.name_en, *entry.aliases]
        if language == "ko":
            head = entry.name_ko.partition(" (")[0]
            # A short name two functions share (GELU, GELU (tanh 근사)) names neither.
            names = [entry.name_ko, *([head] if heads.count(head) == 1 else []), *names]
        prefix = LANGUAGES[language]
        pairs += [(name, f"{prefix}functions/{entry.id}/") for name in dict.fromkeys(names)]
    return pairs


class SearchBox:
    def __init__(self, tab: object) -> None:
        self.tab = tab
        tab.page.add_init_script(WATCH_WORKER)
        self.field = tab.page.locator("input.md-search__input")
        self.base_path = urlsplit(tab.site.base).path

    def open(self, path: str) -> None:
        self.tab.page.goto(self.tab.url(path), wait_until="load")
        self.tab.page.wait_for_function("() => window.__search.ready")
        self.field.click()

    def search(self, query: str) -> list[str]:
        """Type ``query`` into the emptied field; the site-relative pages of the results."""
        # Material searches on each keystroke, for the whole field: the last
        # keystroke's search is the one whose results the reader reads, so the
        # field is filled up to the last character, which is then typed.
        self.field.fill(query[:-1])
        self.field.type(query[-1])
        self.field.press("End")  # Hangul typed through the keyboard fires no keyup of its own
        page = self.tab.page
        page.wait_for_function(
            """query => window.__search.query === query
                && window.__search.answered === window.__search.sent""",
            arg=query,
        )
        first = page.evaluate("window.__search.first")
        if first:  # the list on screen shows the worker's last answer
            page.wait_for_function(
                """first => {
                    const a = document.querySelector('.md-search-result__item a');
                    return a && new URL(a.href).pathname.endsWith('/' + first.split('#')[0]);
                }""",
                arg=first,
            )
        hrefs = page.locator(".md-search-result__item > a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
        pages = [urlsplit(urljoin(page.url, h)).path for h in hrefs]
        return [p[len(self.base_path) :] for p in pages]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_function_name_puts_its_page_first(tabs: object, language: str) -> None:
    tab = tabs.open()
    box = SearchBox(tab)
    box.open(LANGUAGES[language])
    misses = []
    for name, expected in names_to_type(language):
        pages = box.search(name)
        if not pages or pages[0] != expected:
            rank = pages.index(expected) + 1 if expected in pages else None
            misses.append(f"{name!r}: {expected} is #{rank} of {len(pages)} (first: {pages[:3]})")
    assert not misses, f"{len(misses)} name(s) on the {language} site:\n  " + "\n  ".join(misses)
    assert not tab.problems + tab.csp_violations(), tab.problems + tab.csp_violations()


@pytest.mark.parametrize(
    ("term", "particled"), [("시그모이드", "시그모이드는"), ("기울기", "기울기가")]
)
def test_a_korean_term_finds_it_with_a_particle(tabs: object, term: str, particled: str) -> None:
    """Korean attaches particles to the noun; the bare term must still find and mark it."""
    tab = tabs.open()
    box = SearchBox(tab)
    box.open("")
    assert box.search(term), f"{term!r} found nothing"
    marked = tab.page.locator(".md-search-result mark").all_inner_texts()
    assert particled in marked, f"{term!r}: no result marks {particled!r} (marked: {marked[:20]})"


class IndexDownloads:
    """The search-index files the page downloads, read as a reader's browser got them."""

    def __init__(self, tab: object) -> None:
        self.responses: list[object] = []
        tab.page.on("response", self._on_response)

    @staticmethod
    def is_index(response: object) -> bool:
        return "/search/" in response.url and response.url.endswith(".json")

    def _on_response(self, response: object) -> None:
        if self.is_index(response):
            self.responses.append(response)

    def documents(self) -> list[dict]:
        return [doc for r in self.responses for doc in json.loads(r.body()).get("docs", [])]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_index_is_fetched_when_search_opens_not_before(tabs: object, language: str) -> None:
    tab = tabs.open(first_visit=True)  # a cold cache: what the page downloads itself
    downloads = IndexDownloads(tab)
    box = SearchBox(tab)
    tab.goto(LANGUAGES[language])
    tab.page.wait_for_function("() => window.__search.ready")
    assert not downloads.documents(), "search documents downloaded before search opened"
    with tab.page.expect_response(IndexDownloads.is_index):
        # The search field on a wide screen, the magnifier that opens it on a narrow one.
        opener = ".md-header label[for=__search]:visible, input.md-search__input:visible"
        tab.page.locator(opener).first.click()
    box.field.wait_for(state="visible")
    assert downloads.documents(), "opening search did not download the search documents"


TEX = re.compile(r"\\[A-Za-z]{2,}|\$[^$\s][^$]*\$")
CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.S)


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_results_read_as_text(tabs: object, language: str) -> None:
    """One form of each formula, no TeX source, no permalink marks: in the index and on screen."""
    tab = tabs.open()
    downloads = IndexDownloads(tab)
    box = SearchBox(tab)
    box.open(LANGUAGES[language])
    box.search("sigmoid")
    docs = downloads.documents()
    assert docs, "no search documents were downloaded"
    problems = []
    for doc in docs:
        for field in ("title", "text"):
            text = CODE.sub("", doc[field])
            if "¶" in text:
                problems.append(f"{doc['location']} {field}: permalink mark ¶")
            if found := TEX.search(text):
                problems.append(f"{doc['location']} {field}: TeX {found.group(0)[:40]!r}")
    shown = tab.page.locator(".md-search-result").inner_text()
    if "(0,1)(0, 1)" in shown.replace("\n", ""):
        problems.append("a result shows a formula three times: (0,1)(0, 1)(0,1)")
    suggestion = tab.page.locator(".md-search__suggest").inner_text()
    if "¶" in suggestion:
        problems.append(f"autocomplete suggests {suggestion!r}")
    assert not problems, f"{len(problems)} problem(s):\n  " + "\n  ".join(problems[:40])
