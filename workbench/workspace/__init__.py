"""Workspace services: import, versions, ingest, decisions, exports orchestrated over the store."""
