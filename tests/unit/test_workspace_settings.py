"""The workspace's settings.toml: 落款 and the item citation form, errors that say what to fix."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from workbench.errors import StoreError
from workbench.workspace.settings import SETTINGS_NAME, DocumentSettings, document_settings


def _write(folder: Path, text: str) -> Path:
    path = folder / SETTINGS_NAME
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_keeps_the_defaults(tmp_path: Path) -> None:
    """Without settings.toml: no issuer, the day of export, 第一项."""
    settings = document_settings(tmp_path)
    assert settings == DocumentSettings()
    assert settings.signed_on(date(2026, 12, 4)) == "2026年12月4日"


def test_the_office_sets_issuer_date_and_item_form(tmp_path: Path) -> None:
    """Every key is read as written."""
    _write(
        tmp_path,
        '[documents]\nissuer = "昌吉回族自治州人大常委会法制工作委员会"\n'
        'date = "2026年3月1日"\nitem_citation = "第（一）项"\n',
    )
    settings = document_settings(tmp_path)
    assert settings.issuer == "昌吉回族自治州人大常委会法制工作委员会"
    assert settings.signed_on(date(2026, 12, 4)) == "2026年3月1日"
    assert settings.paren_items


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('[documents]\nissuer = "法工委\n', "第2行"),
        ('[documents]\ndate = "2026-03-01"\n', "2026年12月4日"),
        ('[documents]\nitem_citation = "第(一)项"\n', "第（一）项"),
        ("[documents]\nissuer = 3\n", "issuer"),
    ],
)
def test_a_wrong_file_is_an_error_naming_it_and_what_to_fix(
    tmp_path: Path, text: str, words: str
) -> None:
    """The error names the file and says what to write instead."""
    path = _write(tmp_path, text)
    with pytest.raises(StoreError) as caught:
        document_settings(tmp_path)
    assert str(path) in str(caught.value)
    assert words in str(caught.value)
