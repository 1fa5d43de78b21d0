using System.Globalization;
using System.Text;
using TwoWay.Domain;

namespace TwoWay.Panels.Tests;

/// <summary>Helpers: panel files written from rows (temporary folders come from the test kit).</summary>
public static class Panels
{
    /// <summary>A random small panel with late entries, gaps and every state, as (firm, years) in memory and as CSV text.</summary>
    public static (Dictionary<string, List<ObservedYear>> Firms, string Csv) Random(int firms, int years, int seed)
    {
        var rng = new Random(seed);
        var map = new Dictionary<string, List<ObservedYear>>();
        var csv = new StringBuilder("firm_id,year,import_value,export_value,sector\n");
        for (var f = 0; f < firms; f++)
        {
            var id = "F" + f.ToString(CultureInfo.InvariantCulture);
            var list = new List<ObservedYear>();
            var start = rng.Next(3);
            for (var t = start; t < years; t++)
            {
                if (rng.NextDouble() < 0.08) continue; // gaps
                var imp = rng.NextDouble() < 0.4 ? Math.Round(rng.NextDouble() * 100, 2) : 0;
                var exp = rng.NextDouble() < 0.25 ? Math.Round(rng.NextDouble() * 100, 2) : 0;
                list.Add(new ObservedYear(2000 + t, TraderStates.Of(imp, exp)));
                csv.Append(CultureInfo.InvariantCulture, $"{id},{2000 + t},{imp},{exp},{"ABC"[f % 3]}\n");
            }
            if (list.Count > 0) map[id] = list;
        }
        return (map, csv.ToString());
    }
}
