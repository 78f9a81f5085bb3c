"""Walks over a parse tree end: spaCy objects are compared by index, never with `is`.

spaCy builds a new `Token` on every access, so `token.head is token` is never true and a walk
that waits for it runs forever (it did on a live blog's "12:50 p.m." lines).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from helpers.analysis import analyze_doc
from helpers.paths import PROJ_ROOT
from helpers.source.article import load_article

SOURCE = PROJ_ROOT / "src" / "helpers"
BUILTIN_TYPES = {"date", "int", "str", "float", "bool"}
"""Lower-case type names `is` may compare with; a capitalised name is a class or a sentinel."""


def identity_comparisons(tree: ast.AST) -> list[str]:
    """Every `a is b` / `a is not b` whose right side is not a constant, a type or a sentinel."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Compare):
            continue
        for op, right in zip(node.ops, node.comparators, strict=True):
            if not isinstance(op, ast.Is | ast.IsNot) or isinstance(right, ast.Constant):
                continue
            name = right.attr if isinstance(right, ast.Attribute) else getattr(right, "id", "")
            if name not in BUILTIN_TYPES and not name[:1].isupper():
                found.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found


def test_the_scan_catches_a_token_identity_test():
    tree = ast.parse("while token.head is not token:\n    token = token.head\nx = a is None\n"
                     "y = kind is int or step is ClearSolutions")
    assert identity_comparisons(tree) == ["line 1: token.head is not token"]


@pytest.mark.parametrize("path", sorted(SOURCE.rglob("*.py")), ids=lambda p: p.name)
def test_no_identity_comparison_of_objects_in_src(path: Path):
    found = identity_comparisons(ast.parse(path.read_text(encoding="utf-8")))
    assert not found, f"{path}: compare spaCy objects by .i, not with 'is': {found}"


@pytest.mark.timeout(120)
def test_a_figure_in_a_verbless_line_ends_its_walk(write_article, nlp):
    """The live-blog shape that hung: a timestamp line and a figure in a verbless sentence."""
    path = write_article("Live updates\n\n12:50 p.m.: 300 troops near the border.\n\n"
                         "1:15 p.m.\n\nMore later.\n")
    article = load_article(path)
    table = analyze_doc(article, nlp(article.text), "test").figures
    assert table.loc[table["text"] == "300", "category"].tolist() == ["troops"]
