using TwoWay.Domain;

namespace TwoWay.Panels;

/// <summary>
/// The trader state of a firm in a year, from whether it imported and exported anything
/// (value &gt; 0): the two-way view of a customs panel (PRODUCT.md, "Population panel analytics").
/// </summary>
public enum TraderState
{
    None = 0,
    ImportOnly = 1,
    ExportOnly = 2,
    TwoWay = 3,
}

public static class TraderStates
{
    public static readonly IReadOnlyList<TraderState> All = [TraderState.None, TraderState.ImportOnly, TraderState.ExportOnly, TraderState.TwoWay];

    public static TraderState Of(bool imports, bool exports) =>
        (TraderState)((imports ? 1 : 0) + (exports ? 2 : 0));

    public static TraderState Of(double importValue, double exportValue) => Of(importValue > 0, exportValue > 0);

    public static bool Imports(this TraderState s) => s is TraderState.ImportOnly or TraderState.TwoWay;
    public static bool Exports(this TraderState s) => s is TraderState.ExportOnly or TraderState.TwoWay;

    /// <summary>Whether the firm is active in the given direction (inward = imports, outward = exports).</summary>
    public static bool Active(this TraderState s, Direction direction) =>
        direction == Direction.Inward ? s.Imports() : s.Exports();

    /// <summary>Stable code used in files and JSON: none, import_only, export_only, two_way.</summary>
    public static string Code(this TraderState s) => s switch
    {
        TraderState.None => "none",
        TraderState.ImportOnly => "import_only",
        TraderState.ExportOnly => "export_only",
        _ => "two_way",
    };
}
