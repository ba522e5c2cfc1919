"""The kinds of unit in the directory and the words people use for them.

Case guidance will say "kontakta socialtjänsten i kommunen"; a clinician types "soc
växjö" or "BMM". Both must land on the same canonical kind, so the synonyms live in one
place and feed both lookup and search.
"""

from __future__ import annotations

from oro_desktop.core.contacts.text import normalise

SOCIALTJANST = "socialtjänstens mottagning"
SOCIALJOUR = "socialjour"
BARNMORSKEMOTTAGNING = "barnmorskemottagning"
MODRAHALSOVARD = "mödrahälsovård"

#: Canonical kind -> other words for it (all matched after normalise()).
KIND_SYNONYMS: dict[str, tuple[str, ...]] = {
    SOCIALTJANST: (
        "socialtjänst", "socialtjänsten", "soc", "socialen", "socialkontoret",
        "socialnämnden", "individ- och familjeomsorgen", "ifo",
    ),
    SOCIALJOUR: (
        "socialjouren", "jour", "akut", "112", "utanför kontorstid", "efter kontorstid",
    ),
    BARNMORSKEMOTTAGNING: ("barnmorskemottagningen", "bmm", "barnmorska", "barnmorskan"),
    MODRAHALSOVARD: ("mödrahälsovården", "mhv"),
    "BB": ("bb-avdelningen", "bb-avdelning", "förlossning", "bb"),
    "BVC": ("barnhälsovård", "barnhälsovården", "barnavårdscentral", "bhv"),
    "neonatal": ("neonatalavdelningen", "neonatalavdelning", "neo"),
    "habilitering": ("habiliteringen", "hab", "barnhab"),
    "psykiatri": ("vuxenpsykiatri", "specialistpsykiatrin vuxna", "psykiatrisk akutmottagning"),
    "barn- och ungdomspsykiatri": ("bup", "bup-akuten", "småbarnsteamet", "barnpsykiatri"),
    "föräldra- och barnhälsovårdspsykolog": (
        "psykolog", "mödra- och barnhälsovårdspsykolog", "barnhälsovårdspsykolog",
    ),
}

#: Kinds that always come along with the asked one: social services' after-hours
#: route belongs beside social services, whatever the hour.
COMPANION_KINDS: dict[str, tuple[str, ...]] = {SOCIALTJANST: (SOCIALJOUR,)}

#: When nothing of the asked kind serves a place, these are the next best routes.
FALLBACK_KINDS: dict[str, tuple[str, ...]] = {
    BARNMORSKEMOTTAGNING: (MODRAHALSOVARD,),
    MODRAHALSOVARD: (BARNMORSKEMOTTAGNING,),
}

#: Kinds that are after-hours routes by nature.
AFTER_HOURS_KINDS = frozenset({SOCIALJOUR})

_CANONICAL: dict[str, str] = {}
for _kind, _words in KIND_SYNONYMS.items():
    _CANONICAL[normalise(_kind)] = _kind
    for _word in _words:
        _CANONICAL.setdefault(normalise(_word), _kind)
_BY_LENGTH = sorted((k for k in _CANONICAL if len(k) >= 5), key=len, reverse=True)


def canonical_kind(word: str) -> str | None:
    """The canonical kind for a word people use ("socialtjänsten" -> mottagning)."""
    key = normalise(word)
    if key in _CANONICAL:
        return _CANONICAL[key]
    # Forgive a trailing definite/plural form not listed ("barnmorskemottagningarna").
    for known in _BY_LENGTH:
        if key.startswith(known):
            return _CANONICAL[known]
    return None


def kind_words(kind: str) -> tuple[str, ...]:
    """The kind and its synonyms, for the search haystack."""
    return (kind, *KIND_SYNONYMS.get(kind, ()))
