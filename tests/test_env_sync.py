"""environment.yml and pyproject.toml must list the same dependencies with the same floors."""

from __future__ import annotations

import re
import tomllib

import yaml

from ntm_analysis.paths import ROOT

# Conda-only entries that have no PyPI counterpart in pyproject.toml.
CONDA_ONLY = {"python", "pip"}
_REQ = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$")


def _canon(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _parse(reqs: list[str]) -> dict[str, str]:
    out = {}
    for req in reqs:
        m = _REQ.match(req.split(";")[0])
        assert m, f"cannot parse requirement {req!r}"
        out[_canon(m.group(1))] = m.group(2).replace(" ", "")
    return out


def pyproject_requirements(text: str) -> dict[str, str]:
    """Runtime and test requirements of pyproject.toml, name -> version spec."""
    project = tomllib.loads(text)["project"]
    return _parse(project["dependencies"] + project["optional-dependencies"]["test"])


def conda_requirements(text: str) -> dict[str, str]:
    """Conda and pip requirements of environment.yml (without python/pip themselves)."""
    reqs = []
    for dep in yaml.safe_load(text)["dependencies"]:
        if isinstance(dep, dict):
            reqs += dep.get("pip", [])
        else:
            reqs.append(dep)
    parsed = _parse(reqs)
    return {k: v for k, v in parsed.items() if k not in CONDA_ONLY}


def drift(pyproject_text: str, env_text: str) -> list[str]:
    """Human-readable differences between the two files (empty when in sync)."""
    py, conda = pyproject_requirements(pyproject_text), conda_requirements(env_text)
    problems = [f"{n} only in pyproject.toml" for n in sorted(py.keys() - conda.keys())]
    problems += [f"{n} only in environment.yml" for n in sorted(conda.keys() - py.keys())]
    problems += [
        f"{n}: pyproject.toml says {py[n]!r}, environment.yml says {conda[n]!r}"
        for n in sorted(py.keys() & conda.keys())
        if py[n] != conda[n]
    ]
    return problems


def _texts() -> tuple[str, str]:
    return (ROOT / "pyproject.toml").read_text(), (ROOT / "environment.yml").read_text()


def test_environment_and_pyproject_in_sync():
    assert drift(*_texts()) == []


def test_drift_is_detected_on_either_side():
    py, env = _texts()
    extra_py = py.replace('"tqdm>=4.66",', '"tqdm>=4.66",\n    "requests>=2.0",')
    assert drift(extra_py, env) == ["requests only in pyproject.toml"]
    extra_env = env.replace("  - tqdm>=4.66\n", "  - tqdm>=4.66\n  - requests>=2.0\n")
    assert drift(py, extra_env) == ["requests only in environment.yml"]
    floor = env.replace("pandas>=2.2", "pandas>=2.0")
    assert drift(py, floor) == ["pandas: pyproject.toml says '>=2.2', environment.yml says '>=2.0'"]
