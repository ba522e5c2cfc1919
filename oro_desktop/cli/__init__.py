"""cli layer (see design.md)."""
