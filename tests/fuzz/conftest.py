"""Fuzz tests run only when asked for: `make fuzz` (pytest -m fuzz tests/fuzz).

They take minutes, so `make test` (pytest tests) collects them and skips them. FUZZ_EXAMPLES
sets how many random cases each property test tries (default 200).
"""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "fuzz: long randomised tests, run by `make fuzz`")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "fuzz" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="fuzz test: run with `make fuzz` (pytest -m fuzz tests/fuzz)")
    for item in items:
        if item.get_closest_marker("fuzz"):
            item.add_marker(skip)
