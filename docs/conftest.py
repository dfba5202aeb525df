"""Run every fenced ```python block of the Markdown pages as a test (Sybil).

Blocks written as doctests (``>>>`` prompts) must print exactly the output shown;
other Python blocks must run without error. Each block starts from an empty
namespace, because a reader copies one block at a time: a block that relies
on an import made by an earlier block fails here.
"""

from __future__ import annotations

from collections.abc import Iterable

from sybil import Document, Region, Sybil
from sybil.parsers.markdown import PythonCodeBlockParser

# The notebooks are executed by the docs build; as modules they would be
# imported (and run) by --doctest-modules.
collect_ignore_glob = ["notebooks/*.py", "*/notebooks/*.py"]


# The text of every block that has already passed in this process. Each block
# starts from an empty namespace, so a block whose text is byte for byte one that
# passed gives the same outcome and is not run again: the English pages' blocks
# are the Korean pages' (only the prose is translated), and tests/conftest.py's
# scheduler runs a page's two languages in one process.
_PASSED: set[str] = set()


class FreshNamespace:
    """Wrap a parser so that each fenced block starts from an empty namespace.

    Sybil yields one region per ``>>>`` example; the namespace is cleared only
    before the first example of each block, so a block's own imports stay in
    scope for its later examples. A block whose text already passed
    (:data:`_PASSED`) holds to that outcome.
    """

    def __init__(self, parser: PythonCodeBlockParser) -> None:
        self.parser = parser

    def __call__(self, document: Document) -> Iterable[Region]:
        blocks = sorted(
            (block.start, document.text[block.start : block.end])
            for block in self.parser.codeblock_parser(document)
        )
        regions = sorted(self.parser(document), key=lambda region: region.start)
        of_block: dict[int, list[Region]] = {}
        for region in regions:
            block = max(start for start, _ in blocks if start <= region.start)
            of_block.setdefault(block, []).append(region)
        text_of = dict(blocks)
        for start, members in of_block.items():
            for index, region in enumerate(members):
                region.evaluator = self._evaluator(
                    region.evaluator, text_of[start], index == 0, index == len(members) - 1
                )
        yield from regions

    @staticmethod
    def _evaluator(evaluate: object, text: str, first: bool, last: bool) -> object:
        def run(example: object) -> object:
            if text in _PASSED:
                return None
            if first:
                example.namespace.clear()
            failure = evaluate(example)
            if last and not failure:
                _PASSED.add(text)
            return failure

        return run


pytest_collect_file = Sybil(
    parsers=[FreshNamespace(PythonCodeBlockParser())],
    patterns=["ko/*.md", "en/*.md", "ko/**/*.md", "en/**/*.md"],
    name="docs",
).pytest()
