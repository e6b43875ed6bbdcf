"""Package export."""
