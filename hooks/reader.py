"""What the reader's browser keeps and breaks: one colour scheme for both languages, code lines.

**One scheme for the site.** Material keeps the reader's colour-scheme choice
in localStorage under the build's own path (``/.__palette``, ``/en/.__palette``),
so a reader who chose dark on the Korean pages got light ones after switching
to English. overrides/partials/javascripts/base.html scopes that storage to the
Korean root in both builds; this hook tells it the way there from this build
(``extra.storage_root``: the Korean alternate link, ``../`` from English). It
stays relative, so the inline script does not change with the deployment path.

**Breaks in code in tables.**
On a phone the framework table and the comparison table squeeze their columns,
and a browser may then break an identifier anywhere ("keras.activations.g" /
"elu"). docs/shared/site.css forbids breaks inside code in tables; this hook
puts a <wbr> (an allowed break, no character) after each dot, underscore and
equals sign in that code, so ``keras.activations.gelu`` breaks as
``keras.activations.`` / ``gelu`` and ``approximate=False`` as
``approximate=`` / ``False``. Copying the text gives it back unchanged.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

TABLE = re.compile(r"<table\b.*?</table>", re.S)
CODE = re.compile(r"(<code\b[^>]*>)(.*?)(</code>)", re.S)
TAG_OR_TEXT = re.compile(r"(<[^>]+>)|([^<]+)")
BREAK_AFTER = re.compile(r"(?<=[._=])(?=[^\s._=])")


def break_points(code_html: str) -> str:
    """``code_html`` with <wbr> after each dot, underscore and '=' in its text (not in tags)."""
    return "".join(
        tag or BREAK_AFTER.sub("<wbr>", text) for tag, text in TAG_OR_TEXT.findall(code_html)
    )


def _table(match: re.Match) -> str:
    return CODE.sub(lambda m: m[1] + break_points(m[2]) + m[3], match.group(0))


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    head, marker, body = output.partition('<article class="md-content__inner')
    return head + marker + TABLE.sub(_table, body) if marker else output


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if config.theme["language"] != "ko":
        links = [a["link"] for a in config.extra.get("alternate", []) if a.get("lang") == "ko"]
        if len(links) != 1 or not links[0].startswith("../"):
            raise ValueError(f"extra.alternate must link the Korean root once as ../, got {links}")
        config.extra["storage_root"] = links[0]
    return config
