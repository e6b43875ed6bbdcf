"""The 题注 of an adopted text, generated from the dates and meetings of 通过 and 批准."""

from __future__ import annotations

from datetime import UTC, date, datetime

from workbench.model.cycle import StageRecord
from workbench.review.caption import caption, chinese_date, enacting_body, plain_title

ADOPTED = "昌吉回族自治州第十六届人民代表大会常务委员会第二十一次会议"
APPROVED = "新疆维吾尔自治区第十四届人民代表大会常务委员会第十五次会议"


def record(stage: str, day: date, body: str, outcome: str = "") -> StageRecord:
    return StageRecord.model_validate(
        {
            "stage": stage,
            "date": day,
            "body": body,
            "outcome": outcome or {"表决": "通过", "批准": "批准"}.get(stage, ""),
            "recorded_by": "t",
            "recorded_at": datetime(2025, 1, 1, tzinfo=UTC),
        }
    )


BOTH = (
    record("表决", date(2025, 4, 10), ADOPTED),
    record("批准", date(2025, 5, 28), APPROVED),
)


def test_a_new_regulation_records_its_adoption_and_approval() -> None:
    """The form of issue 20: 通过 then 批准, one full-width space between."""
    got = caption("制定", "昌吉回族自治州居家养老服务条例", BOTH)
    assert got.text == f"2025年4月10日{ADOPTED}通过\u30002025年5月28日{APPROVED}批准"
    assert got.complete


def test_adopted_but_not_yet_approved_carries_the_adoption_alone() -> None:
    """Until 批准 is recorded the note is incomplete and says only 通过; before 通过, nothing."""
    got = caption("制定", "某条例", BOTH[:1])
    assert got.text == f"2025年4月10日{ADOPTED}通过"
    assert got.missing == ("批准的日期与会议",)
    deferred = caption(
        "制定", "某条例", (BOTH[0], record("批准", date(2025, 5, 28), APPROVED, "暂缓"))
    )
    assert deferred.missing == ("批准（暂缓）",)
    assert caption("制定", "某条例", ()).text == ""
    failed = caption("制定", "某条例", (record("表决", date(2025, 4, 10), ADOPTED, "未通过"),))
    assert (failed.text, failed.missing) == ("", ("表决未通过",))


def test_a_revision_follows_the_history_of_the_text_in_force() -> None:
    """The 现行文本's own note comes first, its transcription spaces and brackets removed."""
    history = "2012年7月27日 北京市第十三届人民代表大会常务委员会第三十四次会议通过）"
    got = caption("修订", "北京市审计条例", BOTH, history=history)
    assert got.text == (
        "2012年7月27日北京市第十三届人民代表大会常务委员会第三十四次会议通过\u3000"
        f"2025年4月10日{ADOPTED}修订\u30002025年5月28日{APPROVED}批准"
    )


def test_an_amendment_names_its_decision_in_the_huzhou_form() -> None:
    """With approval: …通过　…批准的《…关于修改〈…〉的决定》修正; without: 根据…《…》修正."""
    got = caption("修正", "昌吉回族自治州居家养老服务条例", BOTH, history="2020年1月1日某会议通过")
    assert got.text.endswith(
        f"2025年5月28日{APPROVED}批准的《昌吉回族自治州人民代表大会常务委员会关于修改"
        "〈昌吉回族自治州居家养老服务条例〉的决定》修正"
    )
    assert got.text.startswith("2020年1月1日某会议通过\u3000")
    national = caption("修正", "北京市审计条例", BOTH[:1], approval=False)
    assert national.text == f"根据2025年4月10日{ADOPTED}《关于修改〈北京市审计条例〉的决定》修正"
    assert national.complete
    assert caption("废止", "某条例", BOTH).text == ""


def test_titles_dates_and_bodies_read_as_the_note_writes_them() -> None:
    """No leading zeros; draft brackets dropped; the committee behind a meeting."""
    assert chinese_date(date(2025, 4, 1)) == "2025年4月1日"
    assert plain_title("某条例（修订草案）（征求意见稿）") == "某条例"
    assert plain_title("某条例（草案修改稿）") == "某条例"
    assert plain_title("某条例") == "某条例"
    assert enacting_body(ADOPTED) == "昌吉回族自治州人民代表大会常务委员会"
