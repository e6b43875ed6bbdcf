"""Package comments."""
