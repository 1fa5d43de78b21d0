#!/usr/bin/env python3
"""Regenerates src/TwoWay.Core/Domain/IsoTables.g.cs from Debian's iso-codes package.

Usage: apt-get install -y iso-codes && python3 tools/generate-iso-tables.py
"""
import json
import pathlib

ISO = pathlib.Path("/usr/share/iso-codes/json")
OUT = pathlib.Path(__file__).resolve().parent.parent / "src/TwoWay.Core/Domain/IsoTables.g.cs"

countries = json.loads((ISO / "iso_3166-1.json").read_text())["3166-1"]
currencies = json.loads((ISO / "iso_4217.json").read_text())["4217"]

rows = []
for c in sorted(countries, key=lambda x: x["alpha_2"]):
    name = c.get("common_name", c["name"]).replace('"', '\\"')
    rows.append(f'        ["{c["alpha_2"]}"] = "{name}",')
codes = sorted({c["alpha_3"] for c in currencies})

OUT.write_text(f'''// Generated from Debian's iso-codes (iso_3166-1.json, iso_4217.json) by
// tools/generate-iso-tables.py; see docs/reference-data.md. Do not edit by hand.
namespace TwoWay.Domain;

internal static class IsoTables
{{
    /// <summary>ISO 3166-1 alpha-2: every officially assigned code with its common English name.</summary>
    public static readonly IReadOnlyDictionary<string, string> CountryNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {{
{chr(10).join(rows)}
    }};

    /// <summary>ISO 4217 alphabetic currency codes.</summary>
    public static readonly IReadOnlySet<string> CurrencyCodes = new HashSet<string>(StringComparer.Ordinal)
    {{
        {", ".join(f'"{c}"' for c in codes)}
    }};
}}
''')
print(f"{len(rows)} countries, {len(codes)} currencies -> {OUT}")
