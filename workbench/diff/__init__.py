"""Package diff."""
