"""Package refs."""
