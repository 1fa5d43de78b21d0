using TwoWay.Domain;

namespace TwoWay.Geography;

/// <summary>An area of the UN M49 standard: its three-digit code and English name, e.g. 150 "Europe".</summary>
public sealed record M49Area(string Code, string Name);

/// <summary>Where a country lies in the UN M49 geoscheme: region, sub-region and, where M49 has one, intermediate region.</summary>
public sealed record CountryRegion(M49Area Region, M49Area SubRegion, M49Area? IntermediateRegion);

/// <summary>
/// Every ISO 3166-1 alpha-2 code mapped to its UN M49 region, sub-region and intermediate region
/// (UN Statistics Division, "Standard country or area codes for statistical use (M49)").
/// Antarctica (AQ) belongs to no M49 region; it is given its own area 010 "Antarctica" at every
/// level so that no partner country is ever unmapped.
/// </summary>
public static class WorldRegions
{
    private static readonly M49Area Africa = new("002", "Africa");
    private static readonly M49Area Americas = new("019", "Americas");
    private static readonly M49Area Asia = new("142", "Asia");
    private static readonly M49Area Europe = new("150", "Europe");
    private static readonly M49Area Oceania = new("009", "Oceania");
    private static readonly M49Area Antarctica = new("010", "Antarctica");

    private static readonly M49Area LatinAmerica = new("419", "Latin America and the Caribbean");
    private static readonly M49Area SubSaharan = new("202", "Sub-Saharan Africa");
    private static readonly M49Area NorthernEurope = new("154", "Northern Europe");

    // (region, sub-region, intermediate region, space-separated alpha-2 codes). Transcribed from the
    // M49 overview table; the test WorldRegionsTests checks that all 249 ISO codes appear exactly once.
    private static readonly (M49Area Region, M49Area Sub, M49Area? Intermediate, string Codes)[] Table =
    [
        (Africa, new("015", "Northern Africa"), null, "DZ EG LY MA SD TN EH"),
        (Africa, SubSaharan, new("014", "Eastern Africa"), "IO BI KM DJ ER ET TF KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW"),
        (Africa, SubSaharan, new("017", "Middle Africa"), "AO CM CF TD CG CD GQ GA ST"),
        (Africa, SubSaharan, new("018", "Southern Africa"), "BW SZ LS NA ZA"),
        (Africa, SubSaharan, new("011", "Western Africa"), "BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG"),
        (Americas, LatinAmerica, new("029", "Caribbean"), "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI"),
        (Americas, LatinAmerica, new("013", "Central America"), "BZ CR SV GT HN MX NI PA"),
        (Americas, LatinAmerica, new("005", "South America"), "AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE"),
        (Americas, new("021", "Northern America"), null, "BM CA GL PM US"),
        (Asia, new("143", "Central Asia"), null, "KZ KG TJ TM UZ"),
        (Asia, new("030", "Eastern Asia"), null, "CN HK MO KP JP MN KR TW"),
        (Asia, new("035", "South-eastern Asia"), null, "BN KH ID LA MY MM PH SG TH TL VN"),
        (Asia, new("034", "Southern Asia"), null, "AF BD BT IN IR MV NP PK LK"),
        (Asia, new("145", "Western Asia"), null, "AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE"),
        (Europe, new("151", "Eastern Europe"), null, "BY BG CZ HU PL MD RO RU SK UA"),
        (Europe, NorthernEurope, new("830", "Channel Islands"), "GG JE"),
        (Europe, NorthernEurope, null, "AX DK EE FO FI IS IE IM LV LT NO SJ SE GB"),
        (Europe, new("039", "Southern Europe"), null, "AL AD BA HR GI GR VA IT MT ME MK PT SM RS SI ES"),
        (Europe, new("155", "Western Europe"), null, "AT BE FR DE LI LU MC NL CH"),
        (Oceania, new("053", "Australia and New Zealand"), null, "AU CX CC HM NZ NF"),
        (Oceania, new("054", "Melanesia"), null, "FJ NC PG SB VU"),
        (Oceania, new("057", "Micronesia"), null, "GU KI MH FM NR MP PW UM"),
        (Oceania, new("061", "Polynesia"), null, "AS CK PF NU PN WS TK TO TV WF"),
        (Antarctica, Antarctica, null, "AQ"),
    ];

    private static readonly Dictionary<string, CountryRegion> ByCode = Build();

    private static Dictionary<string, CountryRegion> Build()
    {
        var map = new Dictionary<string, CountryRegion>(StringComparer.Ordinal);
        foreach (var (region, sub, intermediate, codes) in Table)
            foreach (var code in codes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                map.Add(code, new CountryRegion(region, sub, intermediate));
        return map;
    }

    /// <summary>The five M49 regions (and Antarctica), for tables and legends.</summary>
    public static IReadOnlyList<M49Area> Regions { get; } = [Africa, Americas, Asia, Europe, Oceania, Antarctica];

    /// <summary>The M49 sub-regions in table order.</summary>
    public static IReadOnlyList<M49Area> SubRegions { get; } = Table.Select(t => t.Sub).Distinct().ToArray();

    /// <summary>The M49 placement of <paramref name="country"/>; every ISO 3166-1 code has one.</summary>
    public static CountryRegion Of(CountryCode country) => ByCode[country.Value];

    /// <summary>True when the code is in the table (used by the completeness test).</summary>
    public static bool IsMapped(CountryCode country) => ByCode.ContainsKey(country.Value);

    internal static int MappedCount => ByCode.Count;
}
