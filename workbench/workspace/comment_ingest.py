"""Storing an accepted comment file: its clauses placed once each, its rows inserted in bulk."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert

from workbench.comments import CitationIndex
from workbench.comments.readers import ParsedFile
from workbench.model.project import VersionInfo
from workbench.store import append_audit
from workbench.store import comment_tables as t
from workbench.workspace.comment_rows import IngestResult, insert_sql

__all__ = ["store_parsed"]


def store_parsed(
    conn: Connection,
    parsed: ParsedFile,
    result: IngestResult,
    actor: str,
    *,
    info: VersionInfo,
    vid: int,
    pid: int,
    index: CitationIndex,
) -> tuple[int, int, int]:
    """Insert one accepted file and its comments (bulk); return rows, unplaced, flagged.

    ``parsed`` is placed against ``index`` (the citation index of version ``info``, row id
    ``vid``, of project row ``pid``); the file row, comment rows and audit entry are written on
    ``conn`` inside the caller's transaction.
    """
    resolve = index.resolve
    rows = parsed.rows
    # One resolution per distinct 条款 string (a file cites the same clauses many times).
    cited = Counter(r.data.clause for r in rows)
    places: dict[str, tuple[str | None, bool]] = {}
    unplaced = 0
    for clause, n in cited.items():
        found = resolve(clause)
        if found is None:
            places[clause] = (None, False)
            unplaced += n
        else:
            places[clause] = (found.uid, found.whole)
    flagged = sum(1 for r in rows if r.flags)
    inserted = conn.execute(
        insert(t.comment_files),
        {
            "sha256": result.sha256,
            "name": Path(result.path).name,
            "format": parsed.format,
            "encoding": parsed.encoding,
            "station": parsed.station,
            "collector": parsed.collector,
            "project_id": pid,
            "version_id": vid,
            "version_ref": parsed.version,
            "rows": len(rows),
            "unplaced": unplaced,
            "flagged": flagged,
            "received_at": datetime.now(UTC),
            "received_by": actor,
        },
    )
    assert inserted.inserted_primary_key is not None
    file_id = int(inserted.inserted_primary_key[0])
    station = parsed.station
    records: list[tuple[Any, ...]] = []
    append = records.append
    for r in rows:
        d = r.data
        uid, whole = places[d.clause]
        append(
            (
                file_id,
                pid,
                vid,
                station,
                r.row,
                d.clause,
                uid,
                whole,
                d.quote,
                d.opinion,
                d.reason,
                d.proposal,
                d.submitter_category,
                d.submitter,
                d.contact,
                ",".join(r.flags) if r.flags else "",
            )
        )
    if records:
        conn.exec_driver_sql(insert_sql(conn), records)
    append_audit(
        conn,
        actor=actor,
        action="ingest_comments",
        project=parsed.project,
        payload={
            "sha256": result.sha256,
            "name": Path(result.path).name,
            "station": parsed.station,
            "version": info.number,
            "rows": len(records),
            "unplaced": unplaced,
            "flagged": flagged,
        },
    )
    return len(records), unplaced, flagged
