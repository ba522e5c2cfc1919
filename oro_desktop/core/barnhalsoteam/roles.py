"""Who sits in a barnhälsoteam (guideline 2.1) and which consent box covers each role.

Why constants and not only the guideline file: the meeting and discussion types check
roles when they are built, without a loaded guideline at hand. A test holds these
tables equal to resources/guidelines/jamtland-barnhalsoteam.yaml, so the file stays the
source and the code cannot drift from it.
"""

from __future__ import annotations

from oro_desktop.errors import InvalidInput

FORSKOLECHEF = "forskolechef"
SPECIALPEDAGOG = "specialpedagog"
SOCIALTJANST = "socialtjanst"
BHV_SJUKSKOTERSKA = "bhv_sjukskoterska"
FORALDRA_OCH_BARNHALSAN = "foraldra_och_barnhalsan"
ELEVHALSAN = "elevhalsan"

#: The roles of guideline 2.1, in its order, with their Swedish labels.
ROLE_LABELS: dict[str, str] = {
    FORSKOLECHEF: "Förskolechef",
    SPECIALPEDAGOG: "Specialpedagog",
    SOCIALTJANST: "Socialtjänsten",
    BHV_SJUKSKOTERSKA: "BHV-sjuksköterska",
    FORALDRA_OCH_BARNHALSAN: "Föräldra- och Barnhälsan",
    ELEVHALSAN: "Elevhälsan",
}
ROLES = tuple(ROLE_LABELS)
#: Every team has these (2.1); a specialpedagog only "om sådan finns".
REQUIRED_ROLES = (FORSKOLECHEF, SOCIALTJANST, BHV_SJUKSKOTERSKA)
CONVENOR = FORSKOLECHEF

#: The four check boxes of bilaga 1 (the form's `parties` choice values).
PARTY_LABELS: dict[str, str] = {
    "forskola": "Förskola",
    "grundskola": "Grundskola",
    "bvc": "BVC-Hälsocentral",
    "ifo": "Individ- och familjeomsorgen",
}
PARTIES = tuple(PARTY_LABELS)

#: role -> the box whose tick lets that role hear an identified child (None: no box).
PARTY_OF_ROLE: dict[str, str | None] = {
    FORSKOLECHEF: "forskola",
    SPECIALPEDAGOG: "forskola",
    SOCIALTJANST: "ifo",
    BHV_SJUKSKOTERSKA: "bvc",
    FORALDRA_OCH_BARNHALSAN: None,
    ELEVHALSAN: "grundskola",
}

#: Words a user might pick for a person who may not attend (2.6).
NOT_PROFESSIONS = ("vardnadshavare", "förälder", "foralder", "barn", "barnet")

_NOT_A_FORUM = (
    "Vårdnadshavare och barn deltar inte i barnhälsoteamet: det är en mötesplats för "
    "professionen (riktlinjen 2.6). Behövs ett möte med familjen kan teamet besluta att "
    "initiera en SIP."
)


def check_role(role: str) -> str:
    """`role` if it is a profession of the team; InvalidInput (Swedish) otherwise."""
    if role in ROLE_LABELS:
        return role
    if role.strip().lower() in NOT_PROFESSIONS:
        raise InvalidInput(_NOT_A_FORUM)
    raise InvalidInput(
        f"Okänd roll ”{role}” i barnhälsoteamet (kända: {', '.join(ROLE_LABELS.values())})."
    )


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role)


def party_label(party: str) -> str:
    return PARTY_LABELS.get(party, party)
