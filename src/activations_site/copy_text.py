"""What the copy button of a code block gives the reader: a file that runs.

The pages' Python blocks are doctests, so they show ``>>>`` prompts and the
printed output; pasted as they are, they fail with ``SyntaxError`` on line 1.
Material's copy button copies the ``data-copy`` attribute of the nearest
ancestor of the ``<code>`` element when there is one (its bundle:
``e.closest("[data-copy]")``), so :func:`add_copy_text` writes the runnable
source of each doctest block into ``data-copy`` on its ``div.highlight``; the
prompts and outputs stay on screen.

A block that imports a module beyond the standard library, ``activations`` and
its dependencies (``mpmath`` for reference values, say) says so in
``data-runs-with``: the reader needs that package too. A block whose copy is not
meant to run on its own would carry ``data-copy-partial`` (with the reason);
none of the pages' blocks needs it today.
"""

from __future__ import annotations

import ast
import doctest
import html
import re
import sys

# One code block as pymdownx.highlight renders it: <div class="highlight"> (with
# a language-xxx class when pygments_lang_class is on) <pre>...<code>...</code>
# </pre></div>. Pygments emits no nested <div>; a doctest is recognised by its text.
BLOCK = re.compile(
    r'<div class="(?P<classes>[^"]*\bhighlight)"(?P<attributes>[^>]*)>'
    r"(?P<body><pre>.*?</pre>)</div>",
    re.S,
)
CODE = re.compile(r"<code[^>]*>(?P<code>.*?)</code>", re.S)
TAG = re.compile(r"<[^>]+>")


def code_text(block_html: str) -> str:
    """The text of a rendered block's ``<code>``, as the reader sees it."""
    found = CODE.search(block_html)
    if found is None:
        raise ValueError(f"no <code> in a code block: {block_html[:120]!r}")
    return html.unescape(TAG.sub("", found["code"]))


def is_doctest(text: str) -> bool:
    return text.lstrip().startswith(">>>")


def runnable(text: str) -> str:
    """The source of a doctest block: its examples without prompts and without outputs.

    >>> print(runnable(">>> x = 1\\n>>> for i in range(2):\\n...     print(x + i)\\n1\\n2\\n"))
    x = 1
    for i in range(2):
        print(x + i)
    <BLANKLINE>
    """
    examples = doctest.DocTestParser().get_examples(text)
    if not examples:
        raise ValueError(f"not a doctest block: {text[:120]!r}")
    return "".join(example.source for example in examples)


def imported(source: str) -> set[str]:
    """The top-level modules a piece of Python imports."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def needs_beyond(source: str, provided: set[str]) -> list[str]:
    """Modules the source imports that neither the standard library nor ``provided`` has."""
    return sorted(imported(source) - provided - set(sys.stdlib_module_names))


def add_copy_text(page_html: str, provided: set[str]) -> str:
    """Give every doctest block of a rendered page its runnable source as ``data-copy``.

    ``provided`` names the modules the reader has after installing the package
    (``activations`` and its dependencies); a block importing anything else is
    marked ``data-runs-with``.
    """

    def replace(match: re.Match[str]) -> str:
        if "data-copy" in match["attributes"]:
            return match[0]
        text = code_text(match["body"])
        if not is_doctest(text):
            return match[0]
        source = runnable(text)
        extra = ""
        if "data-runs-with" not in match["attributes"]:
            needs = needs_beyond(source, provided)
            extra = f' data-runs-with="{" ".join(needs)}"' if needs else ""
        copy = html.escape(source, quote=True).replace("\n", "&#10;")
        return (
            f'<div class="{match["classes"]}"{match["attributes"]}{extra} data-copy="{copy}">'
            f"{match['body']}</div>"
        )

    return BLOCK.sub(replace, page_html)
