"""The catalogue of spreadsheet messages: every message in both languages, same fields."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from ntm_analysis.sources.sheets import messages
from ntm_analysis.sources.sheets.messages import CATALOGUE, msg


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_both_languages_use_the_same_fields(key):
    en, vi = CATALOGUE[key]
    assert en and vi
    assert _fields(en) == _fields(vi), key


def test_every_key_used_in_the_code_is_in_the_catalogue_and_every_entry_is_used():
    folder = Path(messages.__file__).parent
    code = "\n".join(p.read_text("utf-8") for p in folder.glob("*.py") if p.name != "messages.py")
    kinds = (folder / "kinds.py").read_text("utf-8")
    called = set(re.findall(r'msg\(\s*"([a-z0-9_]+)"', code))
    assert called <= set(CATALOGUE), called - set(CATALOGUE)
    quoted = set(re.findall(r'"([a-z0-9_]+)"', code + kinds))
    unused = set(CATALOGUE) - quoted - {"as_given"}
    assert not unused, unused


def test_vietnamese_is_the_default_and_english_on_request():
    m = msg("year_blank")
    assert str(m) == "year is blank"  # a Msg's str() is English (for logs and tracebacks)
    assert m.render() == "năm để trống" and m.render("en") == "year is blank"
    with pytest.raises(ValueError):
        m.render("fr")
    with pytest.raises(KeyError):
        msg("no_such_message")
