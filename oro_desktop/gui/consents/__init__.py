"""The Samtycken section's parts: the table model, the consent editor and one module per
dialog (register the signed original, revoke, decline) plus printing.

The section itself is `oro_desktop.gui.sections.consents`; everything here talks only
to `ConsentService` (never SQL) and keeps typed data in `session.drafts`.
"""
