"""Run the workbench command: ``python -m workbench``."""

from workbench.cli import main

main()
