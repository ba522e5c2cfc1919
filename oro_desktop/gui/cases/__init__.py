"""The Ärenden section's widgets: the paged case list, the case view, the new-case dialog."""
