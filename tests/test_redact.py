"""redact(): masks personal information and keeps everything else byte for byte; the `reviewrules redact` command."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reviewrules
from reviewrules import Settings, redact
from reviewrules.cli import main


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Call me at (415) 555-2671 or mail jo@example.com", "Call me at [PHONE] or mail [EMAIL]"),
        ("reach me: j o h n (at) gmail [dot] com!", "reach me: [EMAIL]!"),
        ("My order 112-4567890-1234567 came broken.", "My order [ORDER] came broken."),
        ("I live at 42 Elm Street, Springfield, so the courier should know.",
         "I live at [ADDRESS], so the courier should know."),
        ("電話は０３-１２３４-５６７８まで", "電話は[PHONE]まで"),
        ("Text me on five five five, two six seven one, four four two.", "Text me on [PHONE]."),
        ("My license plate is ABC 1234 lol", "My license plate is [PLATE] lol"),
        ("Good kettle &amp; fast, 5 stars.<br />Would buy again", "Good kettle &amp; fast, 5 stars.<br />Would buy again"),
        ("Battery lasts 8–10 hours. ISBN 978-3-16-148410-0", "Battery lasts 8–10 hours. ISBN 978-3-16-148410-0"),
        ("", ""),
    ],
)
def test_redact(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_redact_names_and_marketplace() -> None:
    assert redact("John Miller at the warehouse was rude") == "John Miller at the warehouse was rude"
    assert redact("John Miller at the warehouse was rude", names=True) == "[NAME] at the warehouse was rude"
    assert redact("Text me on 07700 900123", Settings(marketplace="UK")) == "Text me on [PHONE]"
    assert redact("Ruf mich an: 0171 2345678", language="de") == "Ruf mich an: [PHONE]"


def test_redact_is_exported() -> None:
    assert "redact" in reviewrules.__all__
    with pytest.raises(TypeError):
        redact(None)  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["Call me at ", "(415) 555-2671", " jo@example.com", " x ", "&amp;", "ﬁ", "\u200b",
                                 "１２３", " 42 Elm Street, Springfield"]), max_size=8).map("".join)
       | st.text(max_size=120))
def test_property_redact_keeps_text_outside_masks(text: str) -> None:
    out = redact(text)
    assert isinstance(out, str)
    if "[" not in out:
        assert out == text
    again = redact(out)  # masks themselves are never read as personal information
    for mask in ("[EMAIL]", "[PHONE]", "[ADDRESS]", "[ORDER]"):
        assert again.count(mask) >= out.count(mask)


def test_cli_redact(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "in.txt"
    f.write_text("Call me at (415) 555-2671\nno pii here\nmail jo@example.com", encoding="utf-8")
    assert main(["redact", str(f)]) == 0
    out, _ = capsys.readouterr()
    assert out == "Call me at [PHONE]\nno pii here\nmail [EMAIL]"
    assert main(["redact", str(tmp_path / "missing.txt")]) == 2


def test_import_is_light_and_redact_stays_callable() -> None:
    """`import reviewrules` loads no phone/email library and no detector module; `reviewrules.redact` is callable
    however it was first imported."""
    import subprocess
    import sys

    code = (
        "import sys, reviewrules\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('phonenumbers', 'email_validator')"
        " or (m.startswith('reviewrules.detectors.') and m != 'reviewrules.detectors.base')]\n"
        "assert not heavy, heavy\n"
        "from reviewrules.redact import redact as r\n"
        "assert reviewrules.redact('mail jo@example.com') == 'mail [EMAIL]'\n"
        "from reviewrules import redact\n"
        "assert redact('mail jo@example.com') == 'mail [EMAIL]'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
