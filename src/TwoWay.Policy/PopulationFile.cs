using System.Globalization;
using TwoWay.Input;
using TwoWay.Interchange.Tables;
using TwoWay.Domain;

namespace TwoWay.Policy.Files;

/// <summary>
/// Firm populations to compare a catalogue with (docs/policy.md): an aggregate table of groups
/// (trader_state, outward_stage, inward_stage, firms). Firm-year trade panels are read by the
/// panel analytics' engine (TwoWay.Panels), not here.
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
}
