"""Texts the plan tab and the plan window share (one wording, one place; a module of its
own so neither imports the other)."""

FAMILY_TIP = "Planen i korthet, på lättläst svenska, för familjen"
FAMILY_REFUSED = ("Familjens version skrivs inte ut: i ärendet gäller undantaget från att "
                  "informera föräldrarna (orosanmälan om våld eller hedersrelaterat våld). "
                  "Skriv ut planen för parternas egen dokumentation i stället.")
