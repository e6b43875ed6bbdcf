"""Package parse."""
