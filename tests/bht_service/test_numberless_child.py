"""A child without a number (saknas) stays the same person across saves of its consent,
so what is recorded about the child (here a secret address) is not left behind."""

from __future__ import annotations

from .conftest import example


def test_saving_again_keeps_the_numberless_child_and_its_situation(consents, bht, session):
    data = example(barn_namn="Nyfödd Exempelbarn", barn_personnummer={
        "kind": "saknas", "value": "", "reason": "Ej folkbokförd ännu"})
    cid = consents.save(None, data).id
    child = consents.get(cid).child
    assert child is not None and child.uid
    bht.set_situation(child.uid, protected_identity=False, secret_address=True,
                      lvu_placement=False, family_home_sol=False, undocumented=True)
    count = session.store.conn.execute("SELECT count(*) FROM persons").fetchone()[0]
    for name in ("Nyfödd Exempelbarn", "Nyfödd Exempelbarn Testsson"):
        consents.save(cid, {**consents.get(cid).data, "barn_namn": name})
        again = consents.get(cid).child
        assert again.uid == child.uid and again.name == name
    assert session.store.conn.execute("SELECT count(*) FROM persons").fetchone()[0] == count
    assert bht.situation(child.uid).secret_address
    assert [r.mark for r in consents.list() if r.id == cid] == ["Hemlig vistelseort"]
    # A second consent for another number-less child is another person.
    other = consents.save(None, example(barn_namn="Annat Barn", barn_personnummer={
        "kind": "saknas", "value": "", "reason": "Ej folkbokförd ännu"})).id
    assert consents.get(other).child.uid != child.uid
