"""pdf layer (see design.md)."""
