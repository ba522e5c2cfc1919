"""Window titles, kept apart so the start-up path need not import the main window."""

APP_TITLE = "oro_desktop"
DEMO_TITLE = f"{APP_TITLE} — DEMO (fiktiva uppgifter)"
