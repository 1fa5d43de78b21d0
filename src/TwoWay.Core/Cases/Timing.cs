using TwoWay.Domain;

namespace TwoWay.Cases;

/// <summary>
/// How the case analyses order and measure time between two starts that may be known to the year
/// or to the month. When both carry a month the comparison is by month; otherwise by calendar year,
/// because a year-only start says nothing about where in the year it fell.
/// </summary>
internal static class Timing
{
    public static bool BothMonthly(YearMonth a, YearMonth b) => a.HasMonth && b.HasMonth;

    private static int MonthIndex(YearMonth t) => t.Year * 12 + (t.Month!.Value - 1);

    /// <summary>True when <paramref name="later"/> starts strictly after <paramref name="earlier"/> at the precision both share.</summary>
    public static bool IsStrictlyAfter(YearMonth later, YearMonth earlier) =>
        BothMonthly(later, earlier) ? MonthIndex(later) > MonthIndex(earlier) : later.Year > earlier.Year;

    /// <summary><paramref name="to"/> − <paramref name="from"/> in years: months / 12 when both have a month, else whole years.</summary>
    public static double LagYears(YearMonth from, YearMonth to) =>
        BothMonthly(from, to) ? (MonthIndex(to) - MonthIndex(from)) / 12.0 : to.Year - from.Year;

    /// <summary>True when the two starts lie within one year of each other (12 months, or adjacent calendar years).</summary>
    public static bool WithinOneYear(YearMonth a, YearMonth b) =>
        BothMonthly(a, b) ? Math.Abs(MonthIndex(a) - MonthIndex(b)) <= 12 : Math.Abs(a.Year - b.Year) <= 1;

    /// <summary>Operations of the case that had started by the end of <paramref name="asOfYear"/>, in the case's order.</summary>
    public static List<Operation> StartedBy(FirmCase firmCase, int asOfYear)
    {
        var list = new List<Operation>(firmCase.Operations.Length);
        foreach (var op in firmCase.Operations)
            if (op.Start.Year <= asOfYear) list.Add(op);
        return list;
    }
}
