"""gui layer (see design.md)."""
