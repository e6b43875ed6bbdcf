"""Which comments hang on which node: lists of comment ids per node, written a group at a time.

A listing of one article's comments, and the count on each node, read these lists
(`workbench.store.comment_tables.comment_targets`) instead of an index over every comment:
keeping such an index up to date costs a large ingest more than storing the comments, and
building it afterwards is a serial tail of the same size. An ingest writes one list per node
per commit group (a few thousand rows for a hundred thousand comments); placing a comment by
hand moves its id from one list to another. Listings still check each comment's own
``target_uid``, so a list holding an id too many would cost time, never a wrong answer.
"""

from __future__ import annotations

import sys
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, delete, func, insert, select, update

from workbench.comments import WHOLE
from workbench.store import comment_tables as t

__all__ = [
    "MAX_LISTED",
    "TargetLists",
    "comment_ids_on",
    "counts_on",
    "move_comment",
    "pack_ids",
    "rebuild_lists",
    "target_key",
]

MAX_LISTED = 20_000
"""Past this many comment ids a listing filters the comments table itself (one scan)."""


def target_key(target_uid: str | None, whole: bool) -> str | None:
    """What a comment is listed under: its node uid, `WHOLE` for the whole draft, None unplaced."""
    return WHOLE if whole else target_uid


class TargetLists:
    """The lists of one commit group, and the ids it gives the comments it stores.

    Comment ids are given here, in order from the largest stored (read once, inside the
    group's write transaction, which no other writer shares), so each file's comments have
    consecutive ids and the group knows them without reading them back.
    """

    def __init__(self, conn: Connection) -> None:
        self._next = int(conn.execute(select(func.max(t.comments.c.id))).scalar() or 0) + 1
        """The id the next comment stored gets."""
        self._lists: dict[int, defaultdict[str | None, list[int]]] = {}
        """Project row → key → ids (None: the unplaced, not stored)."""

    @property
    def next_id(self) -> int:
        """The id the next comment stored gets."""
        return self._next

    def take(self, pid: int, keys: Sequence[str | None]) -> range:
        """Ids for comments listed under ``keys`` (one per comment) in project row ``pid``."""
        ids = range(self._next, self._next + len(keys))
        self._next += len(keys)
        lists = self._lists.get(pid)
        if lists is None:
            lists = self._lists[pid] = defaultdict(list)
        # each id appended to its key's list, in C (no interpreted step per comment)
        list(map(list.append, map(lists.__getitem__, keys), ids))
        return ids

    def write(self, conn: Connection) -> None:
        """Store the group's lists (in its transaction, before it commits)."""
        rows = [
            {"project_id": pid, "target": key, "n": len(ids), "ids": pack_ids(ids)}
            for pid, lists in self._lists.items()
            for key, ids in lists.items()
            if key is not None
        ]
        if rows:
            conn.execute(insert(t.comment_targets), rows)
        self._lists.clear()


def comment_ids_on(conn: Connection, pid: int, keys: Iterable[str]) -> list[int] | None:
    """The ids of the comments listed under ``keys``, ascending; None past `MAX_LISTED`."""
    wanted = sorted(set(keys))
    if not wanted:
        return []
    c = t.comment_targets.c
    total = conn.execute(
        select(func.coalesce(func.sum(c.n), 0)).where(c.project_id == pid, c.target.in_(wanted))
    ).scalar_one()
    if int(total) > MAX_LISTED:
        return None
    ids: set[int] = set()
    for (listed,) in conn.execute(select(c.ids).where(c.project_id == pid, c.target.in_(wanted))):
        ids.update(_split(listed))
    return sorted(ids)


def counts_on(conn: Connection, pid: int) -> dict[str, int]:
    """How many comments of project row ``pid`` are listed under each key."""
    c = t.comment_targets.c
    rows = conn.execute(
        select(c.target, func.sum(c.n)).where(c.project_id == pid).group_by(c.target)
    )
    return {str(key): int(n) for key, n in rows if n}


def move_comment(
    conn: Connection, pid: int, comment_id: int, old: str | None, new: str | None
) -> None:
    """A comment now listed under ``new`` instead of ``old`` (inside the caller's transaction)."""
    if old == new:
        return
    c = t.comment_targets.c
    if old is not None:
        for row_id, listed in conn.execute(
            select(c.id, c.ids).where(c.project_id == pid, c.target == old)
        ):
            ids = _split(listed)
            if comment_id in ids:
                ids.remove(comment_id)
                if ids:
                    conn.execute(
                        update(t.comment_targets)
                        .where(c.id == row_id)
                        .values(n=len(ids), ids=pack_ids(ids))
                    )
                else:
                    conn.execute(delete(t.comment_targets).where(c.id == row_id))
    if new is not None:
        conn.execute(
            insert(t.comment_targets).values(
                project_id=pid, target=new, n=1, ids=pack_ids([comment_id])
            )
        )


def rebuild_lists(conn: Connection, *, chunk: int = 200_000) -> None:
    """Write the lists of every stored comment again (a schema migration; the table emptied)."""
    c, f = t.comments.c, t.comment_files.c
    conn.execute(delete(t.comment_targets))
    last = 0
    while True:
        rows = conn.execute(
            select(c.id, f.project_id, c.target_uid, c.whole)
            .join(t.comment_files, f.id == c.file_id)
            .where(c.id > last)
            .order_by(c.id)
            .limit(chunk)
        ).all()
        if not rows:
            return
        lists: defaultdict[tuple[int, str], list[int]] = defaultdict(list)
        for cid, pid, uid, whole in rows:
            key = target_key(uid, bool(whole))
            if key is not None:
                lists[(pid, key)].append(cid)
        conn.execute(
            insert(t.comment_targets),
            [
                {"project_id": pid, "target": key, "n": len(ids), "ids": pack_ids(ids)}
                for (pid, key), ids in lists.items()
            ],
        )
        last = rows[-1][0]


def pack_ids(ids: Iterable[int]) -> bytes:
    """Comment ids as stored in a list: 64-bit little-endian integers."""
    packed = array("q", ids)
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


def _split(listed: bytes) -> list[int]:
    ids = array("q")
    ids.frombytes(listed)
    if sys.byteorder == "big":
        ids.byteswap()
    return ids.tolist()
