using System.Globalization;
using TwoWay.Input;
using TwoWay.Interchange.Tables;
using TwoWay.Domain;

namespace TwoWay.Policy.Files;

/// <summary>
/// Firm populations to compare a catalogue with (docs/policy.md): an aggregate table of groups
/// (trader_state, outward_stage, inward_stage, firms), or a firm-year trade panel from which the
/// states and stages of a chosen year are derived.
/// </summary>
public static class PopulationFile
{
    public static readonly IReadOnlyList<ColumnSpec> GroupColumns =
    [
        new("trader_state", true, $"Trader state: {string.Join(", ", Vocabulary<TraderState>.Codes)}.", "import_only"),
        new("outward_stage", false, $"Outward stage if known: {string.Join(", ", Vocabulary<ExperienceStage>.Codes)}.", "new"),
        new("inward_stage", false, "Inward stage if known.", "regular"),
        new("firms", true, "Number (or weighted number) of firms.", "412"),
    ];

    public static readonly IReadOnlyList<ColumnSpec> PanelColumns =
    [
        new("firm_id", true, "The firm's id.", "F0001"),
        new("year", true, "Calendar year.", "2023"),
        new("exported", true, "Exported in that year: yes/no, or the export value (above 0 = yes).", "yes"),
        new("imported", true, "Imported in that year: yes/no, or the import value (above 0 = yes).", "0"),
    ];

    /// <summary>Reads a table of population groups.</summary>
    public static Population ReadGroups(string path)
    {
        var table = TableReader.Read(path);
        var errors = new InputErrorCollector();
        TableSchema.Check(table, GroupColumns, errors);
        errors.ThrowIfAny();
        var groups = new List<PopulationGroup>();
        foreach (var row in table.Rows)
        {
            var p = new RowParser(table, row, errors);
            var state = p.Parse<TraderState>("trader_state", Vocabulary<TraderState>.TryParse, $"one of: {string.Join(", ", Vocabulary<TraderState>.Codes)}", required: true);
            var outStage = p.Parse<ExperienceStage>("outward_stage", Vocabulary<ExperienceStage>.TryParse, "new, occasional or regular");
            var inStage = p.Parse<ExperienceStage>("inward_stage", Vocabulary<ExperienceStage>.TryParse, "new, occasional or regular");
            var firms = p.Decimal("firms", required: true);
            if (p.Ok) groups.Add(new PopulationGroup(state!.Value, outStage, inStage, (double)firms!.Value));
        }
        errors.ThrowIfAny();
        return new Population($"{table.Source} (groups)", groups);
    }

    /// <summary>
    /// Reads a firm-year panel and derives, for firms observed in <paramref name="year"/>: the
    /// trader state in that year, and per direction the stage over the window year−2..year —
    /// new: no trade in the window; regular: trade in every observed year of a fully observed
    /// window; occasional: otherwise. Null year means the latest year in the panel.
    /// </summary>
    public static Population ReadPanel(string path, int? year)
    {
        var table = TableReader.Read(path);
        var errors = new InputErrorCollector();
        TableSchema.Check(table, PanelColumns, errors);
        errors.ThrowIfAny();
        var observations = new Dictionary<string, Dictionary<int, (bool Exported, bool Imported)>>();
        foreach (var row in table.Rows)
        {
            var p = new RowParser(table, row, errors);
            var firm = p.Text("firm_id", required: true);
            var y = p.Int("year", 1800, 2200, required: true);
            var exported = Traded(p, "exported");
            var imported = Traded(p, "imported");
            if (!p.Ok) continue;
            var years = observations.TryGetValue(firm!, out var ys) ? ys : observations[firm!] = [];
            if (!years.TryAdd(y!.Value, (exported!.Value, imported!.Value)))
                p.Fail("year", $"firm '{firm}' already has a row for {y}");
        }
        if (table.Rows.Count == 0) errors.Add(table.Source, null, null, "the panel has no rows");
        errors.ThrowIfAny();
        var target = year ?? observations.Values.SelectMany(v => v.Keys).Max();
        var groups = observations.Values.Select(v => YearlyActivity.Classify(v, target)).OfType<PopulationGroup>().ToList();
        if (groups.Count == 0)
            throw new InputException(table.Source, null, "year", $"no firm is observed in {target}");
        return new Population($"{table.Source} (panel, {target.ToString(CultureInfo.InvariantCulture)})", YearlyActivity.Merge(groups));
    }

    private static bool? Traded(RowParser p, string column)
    {
        var v = p.Text(column, required: true);
        if (v is null) return null;
        switch (v.ToLowerInvariant())
        {
            case "yes" or "y" or "true": return true;
            case "no" or "n" or "false": return false;
        }
        if (decimal.TryParse(v, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d) && d >= 0) return d > 0;
        p.Fail(column, $"'{v}' is not yes/no or a trade value of 0 or more");
        return null;
    }
}
