"""``v_comments``: one row per comment for staff and their tools, on SQLite and PostgreSQL alike.

A read-only view for spreadsheets over ODBC, reporting tools, ``sqlite3`` and ``psql``.

Columns: ``id``, ``project`` (slug), ``version`` (number of the version it was made on),
``station``, ``station_name``, ``cited_as`` (条款 as written), ``article`` (the clause's label in
the project's latest version; for an orphaned comment the label it had; 全文 for the whole
draft), ``state`` (placed / unplaced / orphaned, in the latest version), ``opinion``,
``reason``, ``proposal``, ``category``, ``submitter``, ``contact``, ``decision`` (the latest:
采纳 / 部分采纳 / 未采纳 / 留作参考, NULL when undecided), ``decision_reason``, ``received_at``.
"""

from __future__ import annotations

from sqlalchemy import Connection

__all__ = ["V_COMMENTS_COLUMNS", "create_comment_view", "drop_comment_view"]

V_COMMENTS_COLUMNS = (
    "id",
    "project",
    "version",
    "station",
    "station_name",
    "cited_as",
    "article",
    "state",
    "opinion",
    "reason",
    "proposal",
    "category",
    "submitter",
    "contact",
    "decision",
    "decision_reason",
    "received_at",
)
"""The view's columns, in order."""

_SELECT = """
SELECT
    c.id AS id,
    p.slug AS project,
    v.number AS version,
    c.station AS station,
    s.name AS station_name,
    c.cited_as AS cited_as,
    CASE WHEN c.whole THEN '全文' ELSE COALESCE(cur.label, orig.label) END AS article,
    CASE
        WHEN c.whole OR cur.uid IS NOT NULL THEN 'placed'
        WHEN c.target_uid IS NULL THEN 'unplaced'
        ELSE 'orphaned'
    END AS state,
    c.opinion AS opinion,
    c.reason AS reason,
    c.proposal AS proposal,
    c.submitter_category AS category,
    c.submitter AS submitter,
    c.contact AS contact,
    d.kind AS decision,
    d.reason AS decision_reason,
    f.received_at AS received_at
FROM comments c
JOIN comment_files f ON f.id = c.file_id
JOIN projects p ON p.id = c.project_id
JOIN versions v ON v.id = c.version_id
LEFT JOIN stations s ON s.code = c.station
LEFT JOIN merged_uids m ON m.project_id = c.project_id AND m.old_uid = c.target_uid
LEFT JOIN node_history cur
    ON cur.version_id = (
        SELECT lv.id FROM versions lv
        WHERE lv.project_id = c.project_id ORDER BY lv.number DESC LIMIT 1
    )
    AND cur.uid = COALESCE(m.new_uid, c.target_uid)
LEFT JOIN node_history orig ON orig.version_id = c.version_id AND orig.uid = c.target_uid
LEFT JOIN comment_decisions d
    ON d.id = (SELECT max(x.id) FROM comment_decisions x WHERE x.comment_id = c.id)
"""


def create_comment_view(conn: Connection) -> None:
    """Create (or replace) ``v_comments``."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("DROP VIEW IF EXISTS v_comments")
        conn.exec_driver_sql(f"CREATE VIEW v_comments AS {_SELECT}")
    else:
        conn.exec_driver_sql(f"CREATE OR REPLACE VIEW v_comments AS {_SELECT}")


def drop_comment_view(conn: Connection) -> None:
    """Drop ``v_comments`` (before a schema step changes a table it reads)."""
    conn.exec_driver_sql("DROP VIEW IF EXISTS v_comments")
