"""Shared fixtures: where the shared corpus is."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.paths import CORPUS, ROOT


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared corpus of real law texts (``../shared/corpus``); tests fail if it is missing."""
    if not (CORPUS / "MANIFEST.tsv").is_file():
        pytest.fail(f"shared corpus not found at {CORPUS}")
    return CORPUS


# -- Databases for the store tests: SQLite always, PostgreSQL when a server is configured. --------

POSTGRES_ENV_FILE = ROOT / ".ci" / "postgres.env"


def _configured_postgres_url() -> str | None:
    """``WORKBENCH_TEST_POSTGRES_URL``, else the value ``.ci/postgres.sh`` wrote to postgres.env."""
    import os

    url = os.environ.get("WORKBENCH_TEST_POSTGRES_URL")
    if url:
        return url
    if POSTGRES_ENV_FILE.is_file():
        for line in POSTGRES_ENV_FILE.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            if key.strip() == "WORKBENCH_TEST_POSTGRES_URL" and value.strip():
                return value.strip()
    return None


def _postgres_unavailable(reason: str) -> None:
    """In CI a missing server is a failure (the store must be tested on it); locally a skip."""
    import os

    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL required in CI: {reason}")
    pytest.skip(f"no PostgreSQL server: {reason} (run `bash .ci/postgres.sh`)")


@pytest.fixture(scope="session")
def postgres_server_url() -> str:
    """The URL of the test PostgreSQL server; fails in CI and skips locally when there is none."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import SQLAlchemyError

    url = _configured_postgres_url()
    if url is None:
        _postgres_unavailable(
            "WORKBENCH_TEST_POSTGRES_URL is not set and .ci/postgres.env is missing"
        )
        raise AssertionError("unreachable")
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        _postgres_unavailable(f"cannot connect to {url}: {exc}")
    finally:
        engine.dispose()
    return url


@pytest.fixture
def postgres_url(postgres_server_url: str) -> Iterator[str]:
    """A URL on the test server whose search_path is a fresh schema, dropped afterwards.

    Each test (and each xdist worker) gets its own schema, so tests never see each other's rows.
    """
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    schema = f"wbt_{uuid.uuid4().hex[:16]}"
    admin = create_engine(postgres_server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(postgres_server_url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str | None:
    """None (the workspace's SQLite file) or a PostgreSQL URL: store tests run on both."""
    if request.param == "sqlite":
        return None
    url: str = request.getfixturevalue("postgres_url")
    return url
