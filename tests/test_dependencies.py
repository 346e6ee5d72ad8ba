"""Every declared dependency is used: a package nobody imports only makes the install heavier
(numpy once added 73 MB of a 127 MB install without a single import)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

IMPORT_NAMES = {"charset-normalizer": "charset_normalizer", "markdown-it-py": "markdown_it"}
"""Distributions whose import name is not their name with '-' read as '_'."""

NOT_IMPORTED = {
    "lxml": "pinned with its html-clean extra for trafilatura, which imports it (lxml.html.clean)",
}
"""Declared for another package's sake, each with the reason."""

SKIP_EXTRAS = {"test"}
"""Tools for developing storydiff, not used by it."""


def _declared() -> list[tuple[str, str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    out = [("dependencies", spec) for spec in project["dependencies"]]
    for extra, specs in project.get("optional-dependencies", {}).items():
        if extra not in SKIP_EXTRAS:
            out += [(extra, spec) for spec in specs]
    return out


def _name(spec: str) -> str:
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", spec)
    assert match, spec
    return match.group().lower().replace("_", "-")


SOURCES = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "storydiff").rglob("*.py"))]


def _imports(source: str, module: str) -> bool:
    """An import statement, or (for an optional extra loaded on demand) a module that calls
    ``importlib.import_module`` and names the package as a string."""
    if re.search(rf"^\s*(?:import|from)\s+{re.escape(module)}\b", source, re.M):
        return True
    return "import_module(" in source and re.search(rf"[\"']{re.escape(module)}[\"']", source) is not None


@pytest.mark.parametrize(("group", "spec"), _declared(), ids=lambda value: str(value))
def test_declared_dependency_is_imported(group: str, spec: str) -> None:
    name = _name(spec)
    if name in NOT_IMPORTED:
        return
    module = IMPORT_NAMES.get(name, name.replace("-", "_").replace(".", "_"))
    assert any(_imports(source, module) for source in SOURCES), (
        f"{spec} ({group}) is declared but storydiff never imports {module}"
    )


def test_numpy_not_declared() -> None:
    assert all(_name(spec) != "numpy" for _, spec in _declared())


def test_extras_asked_of_a_dependency_are_provided() -> None:
    """Every ``package[extra]`` storydiff declares names an extra the installed package provides,
    spelled as its metadata spells it: pip warns "does not provide the extra" otherwise (lxml's
    ``html_clean``, which lxml calls ``html-clean``, printed that on every ``[html]`` install)."""
    from importlib import metadata

    asked = [(spec, m) for _, spec in _declared() if (m := re.match(r"([A-Za-z0-9._-]+)\[([^\]]+)\]", spec))]
    assert asked, "no dependency with an extra declared: this test checks nothing"
    for spec, match in asked:
        try:
            provided = metadata.metadata(match.group(1)).get_all("Provides-Extra") or []
        except metadata.PackageNotFoundError:
            pytest.skip(f"{match.group(1)} is not installed")
        for extra in match.group(2).split(","):
            assert extra.strip() in provided, f"{spec}: {match.group(1)} provides only {provided}"


def test_required_python_matches_the_check() -> None:
    """pyproject's requires-python and the version storydiff checks at import agree."""
    import storydiff

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    needed = ".".join(map(str, storydiff.PYTHON_NEEDED))
    assert project["requires-python"] == f">={needed}"
