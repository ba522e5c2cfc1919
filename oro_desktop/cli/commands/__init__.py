"""One module per `oro-admin` command group; each exposes register(subparsers)."""
