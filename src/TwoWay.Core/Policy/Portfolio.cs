using TwoWay.Domain;

namespace TwoWay.Policy;

/// <summary>Counts of programmes in one category (an instrument, a mechanism, a barrier group) by support direction.</summary>
public sealed record DirectionCounts<T>(T Category, int Outward, int Inward, int Both, int Total) where T : struct, Enum;

/// <summary>The portfolio of a catalogue: how one-sided it is and what it covers.</summary>
/// <para>ExportOnlyDefinition: The definition printed beside the share, so the number is never read without it.</para>
/// <para>ExportOnlyShareByCount: Export-only programmes / all programmes; null for an empty catalogue.</para>
/// <para>ProgrammesWithBudget: How many programmes have a known budget: the base of the budget share.</para>
/// <para>ExportOnlyShareByBudget: Export-only budget / known budget; null when no budget is known or it sums to 0.</para>
/// <para>UncoveredBarriers: Barrier groups no programme addresses.</para>
public sealed record PortfolioResult(
    int Programmes,
    int ExportOnly,
    double? ExportOnlyShareByCount,
    string ExportOnlyDefinition,
    string? BudgetCurrency,
    int ProgrammesWithBudget,
    decimal? TotalBudget,
    decimal? ExportOnlyBudget,
    double? ExportOnlyShareByBudget,
    int Outward,
    int Inward,
    int Both,
    int Bridging,
    IReadOnlyList<DirectionCounts<Instrument>> DirectionByInstrument,
    IReadOnlyList<DirectionCounts<Mechanism>> DirectionByMechanism,
    IReadOnlyList<DirectionCounts<BarrierGroup>> BarrierCoverage,
    IReadOnlyList<BarrierGroup> UncoveredBarriers);

public static class PortfolioAnalysis
{
    public const string ExportOnlyDefinition =
        "export-only = the programme's direction is outward and every mode it supports is export of goods or services (OECD & APEC 2006: 'focus exclusively on exports')";

    /// <summary>
    /// Portfolio of a catalogue. Export-only share by count = n(export-only) / n(all); by budget =
    /// Σ budget(export-only) / Σ budget(all), both sums over programmes whose budget is known
    /// (OECD &amp; APEC 2006 report 71.6% by count). Matrices count a programme once in every
    /// instrument, mechanism and barrier group it lists, so their columns do not sum to the total.
    /// </summary>
    public static PortfolioResult Analyse(Catalogue catalogue)
    {
        var all = catalogue.Programmes;
        var exportOnly = all.Where(p => p.IsExportOnly).ToList();
        var budgeted = all.Where(p => p.Budget is not null).ToList();
        decimal? total = budgeted.Count > 0 ? budgeted.Sum(p => p.Budget!.Value.Amount) : null;
        decimal? exportBudget = budgeted.Count > 0 ? budgeted.Where(p => p.IsExportOnly).Sum(p => p.Budget!.Value.Amount) : null;
        var barriers = Matrix(all, p => p.Barriers);
        return new PortfolioResult(
            all.Length,
            exportOnly.Count,
            all.Length == 0 ? null : (double)exportOnly.Count / all.Length,
            ExportOnlyDefinition,
            catalogue.BudgetCurrency?.Value,
            budgeted.Count,
            total,
            exportBudget,
            total is > 0 ? (double)(exportBudget!.Value / total.Value) : null,
            all.Count(p => p.Direction == SupportDirection.Outward),
            all.Count(p => p.Direction == SupportDirection.Inward),
            all.Count(p => p.Direction == SupportDirection.Both),
            all.Count(p => p.IsBridging),
            Matrix(all, p => p.Instruments),
            Matrix(all, p => p.Mechanisms),
            barriers,
            barriers.Where(b => b.Total == 0).Select(b => b.Category).ToList());
    }

    private static List<DirectionCounts<T>> Matrix<T>(IReadOnlyList<Programme> programmes, Func<Programme, IReadOnlySet<T>> categories)
        where T : struct, Enum =>
        Vocabulary<T>.All.Select(c =>
        {
            var having = programmes.Where(p => categories(p).Contains(c)).ToList();
            int Count(SupportDirection d) => having.Count(p => p.Direction == d);
            return new DirectionCounts<T>(c, Count(SupportDirection.Outward), Count(SupportDirection.Inward), Count(SupportDirection.Both), having.Count);
        }).ToList();
}
