"""Package edit."""
