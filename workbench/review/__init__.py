"""Package review."""
