"""Package tui/screens."""
