"""Generate the function pages' navigation from the registry.

The nav in mkdocs.yml / mkdocs.en.yml holds the placeholder PLACEHOLDER; it is
replaced by one section per family (registry order) listing functions/{id}.md
under the function's name in the build's language, preceded by
functions/index.md when that page exists (the section's index page). Adding an activation to the
registry adds it to the navigation; no nav edit is needed.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from activations.registry import FAMILIES, REGISTRY

PLACEHOLDER = "<activations:functions>"


def function_sections(language: str) -> list:
    sections: list = []
    for family in FAMILIES:
        members = [
            {getattr(entry, f"name_{language}"): f"functions/{entry_id}.md"}
            for entry_id, entry in REGISTRY.items()
            if entry.family == family.id
        ]
        if not members:
            raise ValueError(f"family {family.id!r} has no registry entry")
        sections.append({getattr(family, f"name_{language}"): members})
    listed = sum(len(next(iter(section.values()))) for section in sections)
    if listed != len(REGISTRY):
        raise ValueError("some registry entries belong to no family of families()")
    return sections


def _replace(items: list, sections: list) -> int:
    found = 0
    for item in items:
        if isinstance(item, dict):
            for title, value in item.items():
                if value == PLACEHOLDER:
                    item[title] = sections
                    found += 1
                elif isinstance(value, list):
                    found += _replace(value, sections)
    return found


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not config.nav:
        raise ValueError("nav must be explicit and contain the placeholder " + PLACEHOLDER)
    sections = function_sections(config.theme["language"])
    if (Path(config.docs_dir) / "functions" / "index.md").is_file():
        sections.insert(0, "functions/index.md")
    found = _replace(config.nav, sections)
    if found != 1:
        raise ValueError(f"nav must contain {PLACEHOLDER!r} exactly once, found {found}")
    return config
