namespace TwoWay.Panels;

/// <summary>One simulated firm-year.</summary>
public readonly record struct SimulatedFirmYear(long FirmId, int Year, double ImportValue, double ExportValue,
    string Sector, string SizeClass, string Region);

/// <summary>
/// The documented data-generating process of `twoway panel simulate` (docs/panel-data.md), with a
/// known effect of importing on export entry. Per firm: sector (A–E), size class (micro, small,
/// medium: 60/30/10%) and region (4) drawn once; 85% enter the panel in the first year, the rest
/// later; 3% miss one year. Year 1: imports with p = 0.25, exports with p = 0.15. Each later year,
/// from the previous year's states: an importer keeps importing with p = 0.85; a non-importer starts
/// with p = 1 − exp(−0.08 · 1.5^exported); a firm that never exported enters exporting with
/// p = 1 − exp(−h), h = 0.04 · HR^imported · exp(γ_size + γ_sector) (γ_small = 0.3, γ_medium = 0.6;
/// γ_A..E = 0, 0.1, −0.1, 0.2, −0.2): a proportional-hazards model in continuous time grouped by year,
/// so the true import→export hazard ratio is HR; after entering, exports continue with p = 0.8 and
/// resume with p = 0.3. Trade values are log-normal, exp(10 + N(0, 1)), when active, else 0.
/// Deterministic for a seed.
/// </summary>
public static class PanelSimulation
{
    public const int FirstYear = 2001;
    private static readonly string[] Sectors = ["A", "B", "C", "D", "E"];
    private static readonly double[] SectorEffect = [0, 0.1, -0.1, 0.2, -0.2];
    private static readonly string[] Sizes = ["micro", "small", "medium"];
    private static readonly double[] SizeEffect = [0, 0.3, 0.6];
    private static readonly string[] Regions = ["east", "north", "south", "west"];

    public static IEnumerable<SimulatedFirmYear> Generate(long firms, int years, int seed, double hazardRatio)
    {
        if (firms < 1 || years < 2) throw new ArgumentOutOfRangeException(nameof(firms), "need at least one firm and two years");
        if (!(hazardRatio > 0)) throw new ArgumentOutOfRangeException(nameof(hazardRatio), "the hazard ratio must be > 0");
        var rng = new Random(seed);
        var logHr = Math.Log(hazardRatio);
        for (long f = 1; f <= firms; f++)
        {
            var sector = rng.Next(5);
            var u = rng.NextDouble();
            var size = u < 0.6 ? 0 : u < 0.9 ? 1 : 2;
            var region = rng.Next(4);
            var start = rng.NextDouble() < 0.85 ? 0 : 1 + rng.Next(Math.Max(1, years / 2));
            var missing = rng.NextDouble() < 0.03 ? start + 1 + rng.Next(Math.Max(1, years - start - 1)) : -1;
            bool imp = false, exp = false, everExported = false;
            for (var t = start; t < years; t++)
            {
                if (t == start)
                {
                    imp = rng.NextDouble() < 0.25;
                    exp = rng.NextDouble() < 0.15;
                }
                else
                {
                    var newImp = imp ? rng.NextDouble() < 0.85 : rng.NextDouble() < 1 - Math.Exp(-0.08 * (exp ? 1.5 : 1));
                    bool newExp;
                    if (!everExported)
                    {
                        var h = 0.04 * Math.Exp((imp ? logHr : 0) + SizeEffect[size] + SectorEffect[sector]);
                        newExp = rng.NextDouble() < 1 - Math.Exp(-h);
                    }
                    else newExp = rng.NextDouble() < (exp ? 0.8 : 0.3);
                    imp = newImp; exp = newExp;
                }
                everExported |= exp;
                var iv = imp ? Math.Round(Math.Exp(10 + Gaussian(rng)), 2) : 0;
                var ev = exp ? Math.Round(Math.Exp(10 + Gaussian(rng)), 2) : 0;
                if (t != missing)
                    yield return new SimulatedFirmYear(f, FirstYear + t, iv, ev, Sectors[sector], Sizes[size], Regions[region]);
            }
        }
    }

    private static double Gaussian(Random rng)
    {
        // Box–Muller; one draw per call keeps the stream simple and deterministic.
        var u1 = 1 - rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * rng.NextDouble());
    }
}
