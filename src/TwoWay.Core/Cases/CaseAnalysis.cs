using TwoWay.Domain;

namespace TwoWay.Cases;

/// <summary>The one entry point of the per-case analyses: stages, degrees, trajectory and connections of a firm.</summary>
public static class CaseAnalysis
{
    /// <summary>
    /// Analyses <paramref name="firmCase"/> as of the end of <paramref name="asOfYear"/>: operations
    /// starting later are ignored, operations ending later count as active. Pure and linear-ish in the
    /// firm's operations (sorting and binary searches only).
    /// </summary>
    public static CaseProfile Analyze(FirmCase firmCase, int asOfYear)
    {
        ArgumentNullException.ThrowIfNull(firmCase);
        if (asOfYear is < YearMonth.MinYear or > YearMonth.MaxYear)
            throw new ArgumentOutOfRangeException(nameof(asOfYear), asOfYear, $"The as-of year must be between {YearMonth.MinYear} and {YearMonth.MaxYear}.");
        var connections = Connections.Find(firmCase, asOfYear);
        var firm = firmCase.Firm;
        return new CaseProfile(firm.Id.Value, firm.Name, firm.HomeCountry.Value, firm.Sector, firm.FoundingYear, asOfYear,
            Stages.Of(firmCase, Direction.Inward, asOfYear), Stages.Of(firmCase, Direction.Outward, asOfYear),
            Degrees.Holistic(firmCase, asOfYear), Trajectories.Of(firmCase, asOfYear), connections,
            Connections.Count(connections));
    }

    /// <summary>
    /// <see cref="Analyze"/> for every case, in parallel over the machine's cores (the analysis is
    /// pure, so cases are independent); results come back in the input order.
    /// </summary>
    public static IReadOnlyList<CaseProfile> AnalyzeAll(IEnumerable<FirmCase> cases, int asOfYear)
    {
        ArgumentNullException.ThrowIfNull(cases);
        return cases.AsParallel().AsOrdered().Select(c => Analyze(c, asOfYear)).ToList();
    }

    /// <summary>
    /// A sensible as-of year when the user gives none: the latest start or end year among the
    /// case's operations, else the founding year, else <paramref name="fallback"/>.
    /// </summary>
    public static int LatestYear(FirmCase firmCase, int fallback)
    {
        var latest = firmCase.Firm.FoundingYear;
        foreach (var op in firmCase.Operations)
        {
            var y = Math.Max(op.Start.Year, op.End?.Year ?? op.Start.Year);
            if (latest is null || y > latest) latest = y;
        }
        return latest ?? fallback;
    }
}
