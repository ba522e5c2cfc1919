"""store layer (see design.md)."""
