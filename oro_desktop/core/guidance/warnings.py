"""Every warning the guidance can give: a stable code and its Swedish text.

Why one table: the CLI prints these, the case view will show them and tests assert
them by code, so the wording lives in one place and a code never changes meaning.
"""

from __future__ import annotations

from dataclasses import dataclass

WARNING = "warning"
INFO = "info"
REFUSAL = "refusal"

#: code -> (level, Swedish template for str.format).
WARNINGS: dict[str, tuple[str, str]] = {
    "consent_not_asked": (WARNING, "{person} har inte tillfrågats om samtycke. Fråga {person} själv innan kontakt tas med den andra parten."),
    "each_parent_answers": (WARNING, "{rule} Varje förälder svarar för sig själv: {summary}."),
    "private_party": (WARNING, "{name} är en privat verksamhet: de sekretessbrytande bestämmelserna i OSL (2009:400) 25 kap. 12 § och 26 kap. 9 § gäller inte för den. Tystnadsplikten följer i stället Patientsäkerhetslagen (2010:659) 6 kap. 12 §; utan samtycke kan uppgifter inte lämnas med stöd av OSL.{rule}"),
    "private_recipient": (REFUSAL, "{name} är en privat mottagare: de sekretessbrytande bestämmelserna i OSL gäller bara mellan hälso- och sjukvård och socialtjänst i offentlig regi, så uppgifter får inte lämnas dit utan samtycke med stöd av {basis}. Mottagarens tystnadsplikt följer Patientsäkerhetslagen (2010:659) 6 kap. 12 §."),
    "private_sender": (REFUSAL, "{name} är en privat verksamhet och kan inte lämna uppgifter med stöd av {basis}; tystnadsplikten följer Patientsäkerhetslagen (2010:659) 6 kap. 12 §."),
    "basis_wrong_sector": (REFUSAL, "{basis} gäller uppgifter som lämnas från {sector}; {name} hör till {own}."),
    "not_a_disclosure_ground": (REFUSAL, "{basis} är ingen grund för att lämna uppgifter."),
    "disclosure_limits": (WARNING, "Utan samtycke får uppgifter lämnas bara om det behövs för att en nödvändig insats till skydd för {child} ska kunna ges, med stöd av {basis}. Lämna bara det som behövs, och bara mellan myndigheter inom hälso- och sjukvården och socialtjänsten i offentlig regi."),
    "inform_before_after": (INFO, "Informera {person} innan kontakten tas om att den kommer att tas och vad som kommer att framföras, och efteråt om att den tagits och vad som framkommit."),
    "violence_exemption": (WARNING, "Kontakten gäller en orosanmälan om våld eller hedersrelaterat våld och förtryck som föräldern inte är delaktig i: föräldern/föräldrarna ska inte informeras om kontakten (varken före eller efter)."),
    "violence_no_exemption": (WARNING, "Riktlinjen anger inget undantag från att informera {person} när kontakten gäller våld i nära relation eller hedersrelaterat våld. Bedöm om informationen kan utsätta någon för fara innan den lämnas, och rådgör vid behov med socialtjänsten."),
    "lvm_not_for_expected_child": (WARNING, "LVM kan inte tillämpas enbart till skydd för det väntade barnet: en bedömning enligt LVM gäller den gravidas egen situation."),
    "anmalningsplikt": (WARNING, "Barnet är fött: vid misstanke eller kännedom om att barnet far illa gäller anmälningsplikt. Gör en orosanmälan till socialtjänsten enligt {citation}."),
    "anmalningsplikt_after_birth": (INFO, "När barnet är fött gäller anmälningsplikt vid oro för att barnet far illa: en orosanmälan görs till socialtjänsten enligt {citation}."),
    "guideline_expired": (WARNING, "Riktlinjen gällde t.o.m. {date} – kontrollera om det finns en ny version."),
    "guideline_expires_soon": (WARNING, "Riktlinjen gäller t.o.m. {date} ({days} kvar) – kontrollera om en ny version är på väg."),
    "guideline_draft": (WARNING, "{note}"),
    "deidentified_consultation": (INFO, "Innan samtycke finns, enligt riktlinjen: ”{rule}”."),
    "route_missing": (WARNING, "Ingen kontaktväg till {label} för {municipality} finns i kontaktkatalogen: lägg till den lokalt under Kontakter. Vid akut fara: ring 112."),
    "route_fill_locally": (WARNING, "Kontaktvägen till {label} ({municipality}) ska fyllas i enligt lokal rutin: riktlinjen anger inget nummer."),
    "no_after_hours_route": (WARNING, "Stängt nu ({when}): {label}. Riktlinjen anger ingen kontaktväg utanför kontorstid. Vid akut fara: ring 112."),
}


@dataclass(frozen=True)
class GuidanceWarning:
    """A warning with a stable code, its level, its Swedish text and where it comes from."""

    code: str
    level: str
    text: str
    source: str = ""


def warning(code: str, source: str = "", **params: object) -> GuidanceWarning:
    level, template = WARNINGS[code]
    text = template.format(**params)
    return GuidanceWarning(code, level, text[:1].upper() + text[1:], source)
