"""Package render."""
