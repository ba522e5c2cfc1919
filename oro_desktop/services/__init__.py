"""services layer (see design.md): the session and one service per domain.

`oro_desktop.services.session.Session` is the entry point: create/unlock a store, then
hand the session to the domain services. The GUI and the CLI use nothing below this.
"""
