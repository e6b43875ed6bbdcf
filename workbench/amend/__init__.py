"""Amendment decisions (修改决定): typed operations, reading one, applying it, drafting one.

Core, no UI: imports diff, edit, refs, parse, render and model only (see the layers in
`design.md`); never Textual, Rich, click, the store or the workspace.
"""
