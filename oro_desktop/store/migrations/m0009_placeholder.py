"""0009: placeholder for another branch's migration (removed by the lead at merge)."""

VERSION = 9


def upgrade(conn) -> None:
    pass
