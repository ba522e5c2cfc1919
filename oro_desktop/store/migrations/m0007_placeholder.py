"""0007 placeholder: the real 0007 belongs to the "cases" helper; removed at merge."""

VERSION = 7


def upgrade(conn) -> None:
    pass
