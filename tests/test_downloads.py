"""The site's downloads: the registry exports, the wheel, the BibTeX, the framework-check record.

The exports are read back as a reader would (json.loads, csv.DictReader) and
compared field by field with the registry; the wheel is built a second time
from scratch and must be the same bytes and hold only the package; the record
of the last framework check must cover every framework call the pages show.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import inspect
import io
import json
import math
import os
import subprocess
import zipfile
from pathlib import Path

import pytest

from activations.registry import REGISTRY
from activations_site import downloads, framework_tabs, signature, wheel

SEPARATOR = downloads.CSV_SEPARATOR.strip()


def _value(text: str) -> float:
    return float(text)  # "inf", "-inf" and numbers alike


def test_the_json_export_is_the_registry() -> None:
    document = json.loads(downloads.registry_json())
    assert document["license"] == wheel.project().license
    rows = document["functions"]
    assert [r["id"] for r in rows] == list(REGISTRY)
    for row in rows:
        entry = REGISTRY[row["id"]]
        assert row["latex"] == entry.latex and row["latex_derivative"] == entry.latex_derivative
        assert (row["name_en"], row["name_ko"], row["family"]) == (
            entry.name_en, entry.name_ko, entry.family)
        assert _value(row["range_lower"]) == entry.output_range.lower
        assert _value(row["range_upper"]) == entry.output_range.upper
        for name in ("monotonic", "zero_centred", "bounded_below", "bounded_above",
                     "smoothness", "saturating", "self_gated", "f0", "df0", "cost", "year"):
            assert row[name] == getattr(entry, name), (entry.id, name)
        assert row["parameters"] == {p.name: p.default for p in entry.parameters}
        for equivalent in entry.frameworks:
            assert row["frameworks"][equivalent.framework] == list(equivalent.calls)
        assert [(p["title"], p["year"], p["url"]) for p in row["papers"]] == [
            (p.title, p.year, p.url) for p in entry.papers]


def test_the_csv_export_has_one_row_per_function_with_the_registry_values() -> None:
    rows = list(csv.DictReader(io.StringIO(downloads.registry_csv())))
    assert [r["id"] for r in rows] == list(REGISTRY)
    for row in rows:
        entry = REGISTRY[row["id"]]
        assert row["latex"] == entry.latex
        assert row["latex_derivative"] == entry.latex_derivative
        assert row["smoothness"] == entry.smoothness
        if entry.f0 is None:
            assert row["f0"] == ""
        else:
            assert math.isclose(float(row["f0"]), entry.f0, rel_tol=0, abs_tol=0)
        assert row["year"] == ("" if entry.year is None else str(entry.year))
        parameters = dict(p.split("=") for p in row["parameters"].split(SEPARATOR) if p)
        assert {k.strip(): ast.literal_eval(v) for k, v in parameters.items()} == {
            p.name: p.default for p in entry.parameters}
        for equivalent in entry.frameworks:
            cell = row[f"{equivalent.framework}_calls"]
            calls = [c.strip() for c in cell.split(f" {SEPARATOR} ")] if cell else []
            assert calls == list(equivalent.calls), (entry.id, equivalent.framework)
        urls = row["paper_urls"].split(f" {SEPARATOR} ") if row["paper_urls"] else []
        assert urls == [p.url for p in entry.papers]


def test_bibtex_gives_every_paper_with_its_year_and_url() -> None:
    for entry in REGISTRY.values():
        block = downloads.bibtex_block(entry)
        assert block.count("@misc{") == len(entry.papers), entry.id
        keys = [line.split("{", 1)[1].rstrip(",") for line in block.splitlines()
                if line.startswith("@misc{")]
        assert len(set(keys)) == len(keys), f"{entry.id}: duplicate BibTeX keys {keys}"
        for paper in entry.papers:
            assert f"year = {{{paper.year}}}" in block and f"url = {{{paper.url}}}" in block
            assert block.count("{") == block.count("}"), f"{entry.id}: unbalanced braces"


def test_the_wheel_holds_only_the_package_and_is_byte_reproducible(tmp_path: Path) -> None:
    cached = wheel.build_wheel()
    with zipfile.ZipFile(cached) as archive:
        names = archive.namelist()
    assert any(n.startswith("activations/") for n in names)
    assert not [n for n in names if n.startswith("activations_site")], names
    assert not [n for n in names
                if not n.startswith(("activations/", cached.name.split("-")[0] + "-"))], names
    env = {**os.environ, "SOURCE_DATE_EPOCH": wheel.SOURCE_DATE_EPOCH}
    subprocess.run(
        [os.environ.get("UV", "uv"), "build", "--wheel", "--quiet", "--out-dir", str(tmp_path),
         str(wheel.ROOT)],
        env=env, check=True,
    )
    (fresh,) = tmp_path.glob("*.whl")
    assert fresh.name == cached.name
    assert hashlib.sha256(fresh.read_bytes()).hexdigest() == hashlib.sha256(
        cached.read_bytes()).hexdigest(), "the same source built a different wheel"


def test_a_wheel_with_the_site_code_in_it_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "activations_reference-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("activations/__init__.py", "")
        archive.writestr("activations_site/__init__.py", "")
    with pytest.raises(ValueError, match="activations_site"):
        wheel.check_contents(bad)


def test_the_framework_check_record_covers_every_call_the_pages_show() -> None:
    record = framework_tabs.load_record()
    assert record is not None, f"run scripts/check_frameworks.py --record ({framework_tabs.RECORD})"
    assert record["mismatches"] == 0, "the recorded check found mismatches"
    for name in ("PyTorch", "JAX", "Keras"):
        assert record["frameworks"].get(name), f"the recorded check did not run {name}"
    checked = {(c["activation"], c["framework"], c["call"], c["section"]): c["status"]
               for c in record["claims"]}
    missing = []
    for entry in REGISTRY.values():
        for equivalent in entry.frameworks:
            for call in equivalent.calls:  # every call a tab shows or lists
                if checked.get((entry.id, equivalent.framework, call, "value")) != "ok":
                    missing.append(f"{entry.id} {equivalent.framework}: {call}")
        for program in framework_tabs.programs(entry):  # every tab program, as shown
            if checked.get((entry.id, program.framework, program.call, "tab")) != "ok":
                missing.append(f"{entry.id} {program.framework} tab: {program.call}")
    assert not missing, "not checked (or not ok) in the recorded run:\n  " + "\n  ".join(missing)


def test_the_pages_say_which_framework_versions_were_checked() -> None:
    record = framework_tabs.load_record()
    assert record is not None
    for language in ("ko", "en"):
        line = framework_tabs.checked_line(language, record)
        assert record["date"] in line
        for name, version in record["frameworks"].items():
            if version:
                assert f"{name} {version}" in line


def test_the_signature_block_lists_every_parameter_with_its_default() -> None:
    for entry in REGISTRY.values():
        for language in ("ko", "en"):
            block = signature.render(language, entry)
            for name, parameter in inspect.signature(entry.function).parameters.items():
                assert f"<td><code>{name}</code></td>" in block, (entry.id, name)
                if parameter.default is not inspect.Parameter.empty:
                    assert f"<code>{parameter.default!r}</code>" in block, (entry.id, name)


def test_the_signature_block_states_the_dtypes_the_function_returns() -> None:
    block = signature.render("en", REGISTRY["relu"])
    assert "<code>float32</code> → <code>float32</code>" in block
    assert "<code>int64</code> → <code>float64</code>" in block
    assert "<code>complex128</code> → raises TypeError" in block


def test_an_undocumented_parameter_fails_the_signature_block() -> None:
    def relu(x: object, *, slope: float = 0.0) -> object:
        """Doc.

        Parameters
        ----------
        x : array_like
            Input.

        Returns
        -------
        ndarray
            Output.
        """
        return x

    entry = REGISTRY["relu"].__class__(**{
        f: getattr(REGISTRY["relu"], f) for f in REGISTRY["relu"].__dataclass_fields__
    } | {"function": relu})
    with pytest.raises(ValueError, match="slope"):
        signature.render("en", entry)
