namespace TwoWay.Domain;

/// <summary>
/// The trader state of a firm in a period, from whether it imported and whether it exported
/// anything (value &gt; 0): none, import only, export only, two-way — the classification of
/// firm-level trade studies (e.g. Bernard et al. 2007; Kasahara &amp; Lapham 2013). One type for
/// every area: panel firm-years, the firms of a study in a year, self-assessed firms, and the
/// states a support programme is open to.
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
