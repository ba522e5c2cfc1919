"""Pure domain logic: no Qt, no SQL, no reportlab (enforced by tests/test_layers.py)."""
