"""Helpers shared by the tests; test modules import from here, never from each other.

- `tests.support.paths`: ROOT, CORPUS, DRAFTS, the demo project.
- `tests.support.trees`: the one tree builder (`build` from an outline, `make_doc` from
  article texts) and the sample documents (`BASE`, `sample_document`).
- `tests.support.workspaces`: the one workspace builder (`demo_workspace`), comment files
  (`csv_bytes`, `row`, `comment_files`) and what a workspace lists (`stored`).
- `tests.support.pilot`: driving the TUI with Pilot until its workers are done (`settle`,
  `wait_until`, `pause`, `select_article`).
- `tests.support.cli`: the real ``workbench`` command, in a subprocess (`run_cli`) or in this
  process (`invoke_cli`), and a workspace driven through it (`Bench`).
- `tests.support.corpus`: what the parser must keep of a corpus file (`source_body`).
"""
