"""The change stream: filtered delivery, unsubscribe, a failing subscriber isolated."""

from __future__ import annotations

from oro_desktop.services.changes import Change, ChangeBus


def test_delivers_in_order_filtered_by_kind() -> None:
    bus = ChangeBus()
    everything: list[Change] = []
    consents: list[Change] = []
    bus.subscribe(everything.append)
    bus.subscribe(consents.append, kinds={"consent"})
    a, b = Change("consent", "a1", "created"), Change("person", "p1", "updated")
    bus.publish(a, b)
    assert everything == [a, b]
    assert consents == [a]


def test_unsubscribe_stops_delivery() -> None:
    bus = ChangeBus()
    seen: list[Change] = []
    stop = bus.subscribe(seen.append)
    bus.publish(Change("consent", "x", "updated"))
    stop()
    stop()  # idempotent
    bus.publish(Change("consent", "y", "updated"))
    assert [c.id for c in seen] == ["x"]


def test_a_failing_subscriber_does_not_stop_the_others() -> None:
    bus = ChangeBus()
    seen: list[str] = []

    def broken(change: Change) -> None:
        raise RuntimeError("boom")

    bus.subscribe(broken)
    bus.subscribe(lambda c: seen.append(c.id))
    bus.publish(Change("plan", "p", "deleted"))
    assert seen == ["p"]
