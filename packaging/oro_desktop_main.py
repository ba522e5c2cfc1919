"""Entry script of the frozen build (PyInstaller needs a script, not an entry point)."""

from oro_desktop.gui.app import main

if __name__ == "__main__":
    raise SystemExit(main())
