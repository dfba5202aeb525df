"""Turn docs/glossary.yml into definitions a reader can open on every page of the build's language.

The abbreviation file is generated (never committed) into build/glossary/ and
appended to every page by pymdownx.snippets; Python-Markdown's abbr extension
then wraps occurrences of a term in <abbr title="definition">.

A native title tooltip opens only under a mouse. Each <abbr> kept here takes
keyboard focus (tabindex 0), and Material's tooltips (the ``content.tooltips``
feature) show the definition on focus, on hover and on a tap, which focuses
it. Only the first occurrence of a term on a page is marked (a Korean term and
its English name count as one: they share a definition), and never inside a
heading or a link, where a tooltip would fight the heading's anchor or the
link's own target; every further mark would only add a tab stop and nodes.

Korean attaches particles to the noun (활성화 함수는, 은닉층의), and the abbr
extension only matches a term between two word boundaries (``\b``), which a
Hangul particle is not. :class:`GlossaryAbbreviations` replaces its matcher
so that a term may be followed by Hangul (not by a Latin letter or a digit);
it still has to start at a word boundary, so a term inside a longer word
(비활성화 함수) is not matched.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path

import yaml
from markdown import Extension, Markdown
from markdown.extensions.abbr import AbbrTreeprocessor
from mkdocs.config.defaults import MkDocsConfig

from activations_site.files import write_if_changed

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "docs" / "glossary.yml"
OUT = ROOT / "build" / "glossary"
FIELDS = ("ko", "en", "ko_definition", "en_definition")
# Retired Korean variants of the term: no tooltip, checked by tests/test_terminology.py.
OPTIONAL = ("ko_avoid",)


def load_glossary() -> list[dict[str, str]]:
    entries = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))
    if not isinstance(entries, list) or not entries:
        raise ValueError(f"{GLOSSARY}: expected a non-empty list of entries")
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not set(FIELDS) <= set(entry) <= {*FIELDS, *OPTIONAL}:
            raise ValueError(
                f"{GLOSSARY}: entry {number} must have the keys {FIELDS} (optionally {OPTIONAL})"
            )
        for key in FIELDS:
            if not isinstance(entry[key], str) or not entry[key].strip():
                raise ValueError(f"{GLOSSARY}: entry {number} has an empty {key!r}")
        avoid = entry.get("ko_avoid", [])
        if not isinstance(avoid, list) or not all(isinstance(v, str) and v.strip() for v in avoid):
            raise ValueError(f"{GLOSSARY}: entry {number}: ko_avoid must be a list of terms")
    return entries


def abbreviations(entries: list[dict[str, str]], language: str) -> str:
    """Markdown abbreviation definitions: `*[term]: definition`, one a line."""
    lines: dict[str, str] = {}
    for entry in entries:
        definition = " ".join(entry[f"{language}_definition"].split())
        terms = [entry[language]]
        if language == "ko":
            # Korean prose gives the English term in parentheses on first use.
            terms.append(entry["en"])
        else:
            terms.append(entry["en"][:1].upper() + entry["en"][1:])
        for term in terms:
            if "]" in term:
                raise ValueError(f"{GLOSSARY}: term {term!r} cannot contain ']'")
            lines.setdefault(term, f"*[{term}]: {definition}")
    return "\n".join(lines.values()) + "\n"


NOT_MARKED_INSIDE = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "abbr"}


def _unwrap(parent: etree.Element, element: etree.Element) -> None:
    """Replace ``element`` by its text, keeping the text around it."""
    text = (element.text or "") + (element.tail or "")
    index = list(parent).index(element)
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    parent.remove(element)


def first_marks_only(root: etree.Element) -> None:
    """Keep the first <abbr> of each definition, outside headings and links; focusable."""
    parents = {child: parent for parent in root.iter() for child in parent}
    seen: set[str] = set()
    for abbr in [el for el in root.iter("abbr")]:
        ancestors, node = [], parents.get(abbr)
        while node is not None:
            ancestors.append(node.tag)
            node = parents.get(node)
        definition = abbr.get("title", "")
        if definition in seen or NOT_MARKED_INSIDE.intersection(ancestors):
            _unwrap(parents[abbr], abbr)
            continue
        seen.add(definition)
        abbr.set("tabindex", "0")


class _GlossaryAbbrTreeprocessor(AbbrTreeprocessor):
    def __init__(self, md: Markdown, abbrs: dict, particles: bool) -> None:
        super().__init__(md, abbrs)
        self.particles = particles

    def run(self, root: etree.Element) -> None:
        if not self.abbrs:
            return
        terms = sorted(self.abbrs, key=len, reverse=True)
        alternatives = "|".join(re.escape(term) for term in terms)
        # Korean: a term may be followed by a particle (Hangul), not by a Latin
        # letter or a digit; it still has to start at a word boundary.
        end = r"(?![0-9A-Za-z_])" if self.particles else r"\b"
        self.RE = re.compile(rf"\b(?:{alternatives}){end}")
        self.iter_element(root)
        first_marks_only(root)


class GlossaryAbbreviations(Extension):
    """Mark each glossary term once per page, focusable; in Korean also before a particle."""

    def __init__(self, particles: bool) -> None:
        super().__init__()
        self.particles = particles

    def extendMarkdown(self, md: Markdown) -> None:
        standard = md.treeprocessors["abbr"]
        processor = _GlossaryAbbrTreeprocessor(md, standard.abbrs, self.particles)
        md.treeprocessors.register(processor, "abbr", 7)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    language = config.theme["language"]
    if language not in ("ko", "en"):
        raise ValueError(f"theme.language must be ko or en, not {language!r}")
    name = f"abbreviations.{language}.md"
    write_if_changed(OUT / name, abbreviations(load_glossary(), language))
    snippets = config.mdx_configs.setdefault("pymdownx.snippets", {})
    snippets["base_path"] = [str(OUT)]
    snippets["auto_append"] = [name]
    snippets["check_paths"] = True
    # After "abbr" in the list, so its tree processor is the one replaced.
    config.markdown_extensions.append(GlossaryAbbreviations(particles=language == "ko"))
    return config
