"""Telling another instrument's name right before a citation (`legislative-norms.md` §2.5).

``刑法第二百三十六条``, ``中华人民共和国行政处罚法第三十二条``, ``条例第十条`` (no 本): the words
before the 第 name an instrument, so the citation is external. Words that merely end like a
name (依法, 前款规定, 有关规定) do not count.
"""

from __future__ import annotations

import re

__all__ = ["law_name_before"]

# A bare law name right before a citation: 刑法第…, 中华人民共和国民法典第…, 条例第… (no 本).
_LAW_NAME = re.compile(
    r"([\u4e00-\u9fff]{0,24}?(?:法典|法|条例|规定|办法|细则|决定|规则|通则|章程|解释|修正案|公约|协定))$"
)
_NOT_LAW_ENDINGS = (
    "依法",
    "违法",
    "合法",
    "非法",
    "方法",
    "做法",
    "执法",
    "守法",
    "用法",
    "说法",
    "想法",
    "有关规定",
    "相关规定",
    "国家规定",
    "上述规定",
    "此规定",
    "其规定",
    "该规定",
    "的规定",
    "的决定",
    "的办法",
    "的规则",
    "的解释",
)
_WEAK_SUFFIXES = ("规定", "决定", "办法", "规则", "解释")
# Words that end the sentence part before a bare name (国务院行使宪法第八十九条 → 宪法).
_VERBS = re.compile(
    r"依照|按照|根据|依据|违反|适用|参照|对照|执行|属于|符合|行使|构成|实施|贯彻|落实|遵守|的"
)
# A citation before the name ends the name's run too (民法典合同编第五百条和刑法 → 刑法).
_CITED = re.compile(
    r"第[零〇一二三四五六七八九十百千\d]+(?:条|款|项|目|章|节|分编|编)(?:之[一二三四五六七八九十]+)?"
)
_LEADING_VERBS = re.compile(
    r"^(?:依照|按照|根据|依据|违反|适用|参照|对照|执行|属于|符合|不适用|依|按|对|由|和|及|以及|或者|或|与|即|经|在|将)+"
)


def law_name_before(text: str, start: int) -> str | None:
    """The bare instrument name written right before ``start`` (刑法, 条例), if any."""
    window = text[max(0, start - 30) : start]
    m = _LAW_NAME.search(window)
    if m is None:
        return None
    run = m.group(1)
    if any(run.endswith(bad) for bad in _NOT_LAW_ENDINGS):
        return None
    for suffix in _WEAK_SUFFIXES:
        if run.endswith(suffix):
            before = run[: -len(suffix)]
            if not before or before[-1] in "款条项目章节例的关定等和及或之本该其此":
                return None
    if run.startswith("本") and len(run) <= 3:
        return None
    # Keep the name only: drop what comes before the last verb (本市行政机关依照刑法 → 刑法).
    tail = _VERBS.split(_CITED.split(run)[-1])[-1]
    return _LEADING_VERBS.sub("", tail) or tail or run
