"""Rule files a teacher edits: a pattern that is no regular expression is an error naming the
file, the line and the fix, not a bare traceback."""

from __future__ import annotations

import pytest

from helpers.rules import RuleError, read_table, rule_pattern


def test_a_bad_pattern_names_its_file_and_line(tmp_path):
    path = tmp_path / "not_amounts.csv"
    path.write_text("# times of day\nkind,pattern\ntime,\\d\\d?:\\d\\d\nphone,(\\d{3}-\\d{4}\n",
                    encoding="utf-8")
    good, bad = read_table(path, ("kind", "pattern"))
    assert rule_pattern(good, path).fullmatch("10:30")
    with pytest.raises(RuleError, match=rf"{path}:4: '.*' is not a valid regular expression "
                       r"\(missing \), unterminated subpattern at character 0\)\. Fix it, or"
                       r" put a backslash before"):
        rule_pattern(bad, path)
