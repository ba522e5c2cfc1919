"""Sample files for import tests: fictitious numbers only."""

# An export whose first entry is valid and whose second has an impossible closing time:
# an import must apply neither.
BAD_IMPORT = """
format: 1
exported_at: "2026-11-23 10:00:00"
regions:
  - region: Kronoberg
    municipalities: [Växjö]
    entries:
      - id: kronoberg/socialtjanst/vaxjo
        region: Kronoberg
        organisation: Växjö kommun
        unit: Socialtjänsten
        kind: socialtjänstens mottagning
        municipality: Växjö
        phones: [{number: "0470-111 11"}]
        source: {guideline: Test}
        verified: 2026-11-23
      - id: kronoberg/socialtjanst/alvesta
        region: Kronoberg
        organisation: Alvesta kommun
        unit: Socialtjänsten
        kind: socialtjänstens mottagning
        municipality: Alvesta
        hours: "mån-fre 8.00-25.00"
        source: {guideline: Test}
        verified: 2026-11-23
"""
