"""立法工作台: a legislative drafting and consultation workbench for local regulations."""

__version__ = "0.1.0"
