"""Package tui/widgets."""
