"""Helpers shared by tests: builders and runners. Test modules import from here, never from each other."""
