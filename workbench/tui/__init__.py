"""Package tui."""
