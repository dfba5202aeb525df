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


class FreshNamespace:
    """Wrap a parser so that each fenced block starts from an empty namespace.

    Sybil yields one region per ``>>>`` example; the namespace is cleared only
    before the first example of each block, so a block's own imports stay in
    scope for its later examples.
    """

    def __init__(self, parser: PythonCodeBlockParser) -> None:
        self.parser = parser

    def __call__(self, document: Document) -> Iterable[Region]:
        block_starts = sorted(block.start for block in self.parser.codeblock_parser(document))
        regions = sorted(self.parser(document), key=lambda region: region.start)
        first_of_block: dict[int, Region] = {}
        for region in regions:
            block = max(start for start in block_starts if start <= region.start)
            first_of_block.setdefault(block, region)
        for region in first_of_block.values():
            evaluate = region.evaluator

            def fresh(example, evaluate=evaluate):
                example.namespace.clear()
                return evaluate(example)

            region.evaluator = fresh
        yield from regions


pytest_collect_file = Sybil(
    parsers=[FreshNamespace(PythonCodeBlockParser())],
    patterns=["ko/*.md", "en/*.md", "ko/**/*.md", "en/**/*.md"],
    name="docs",
).pytest()
