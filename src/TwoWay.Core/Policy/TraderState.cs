using TwoWay.Domain;

namespace TwoWay.Policy;

/// <summary>
/// The four trader states of a firm in a period, from whether it imported and whether it exported
/// (the classification used in firm-level trade studies, e.g. Bernard et al. 2007; Kasahara &amp;
/// Lapham 2013): neither, import only, export only, both.
/// </summary>
public enum TraderState
{
    NonTrader,
    ImportOnly,
    ExportOnly,
    TwoWay,
}

/// <summary>
/// How far a firm has come in one direction, as the self-assessment and the programme catalogue
/// speak of it: <see cref="New"/> has not operated in that direction in the period (new to export,
/// new to import), <see cref="Occasional"/> has but not regularly, <see cref="Regular"/> does so
/// regularly. The outward ladder follows the "new-to-export / occasional / regular exporter"
/// targeting of trade promotion (OECD 2009, ch. 4); the inward ladder is its mirror image.
/// </summary>
public enum ExperienceStage
{
    New,
    Occasional,
    Regular,
}

public static class TraderStates
{
    /// <summary>The state from the two facts "imported in the period?" and "exported in the period?".</summary>
    public static TraderState From(bool imported, bool exported) => (imported, exported) switch
    {
        (false, false) => TraderState.NonTrader,
        (true, false) => TraderState.ImportOnly,
        (false, true) => TraderState.ExportOnly,
        _ => TraderState.TwoWay,
    };

    /// <summary>Whether a firm in this state is active in <paramref name="direction"/>.</summary>
    public static bool IsActive(this TraderState state, Direction direction) => direction == Direction.Outward
        ? state is TraderState.ExportOnly or TraderState.TwoWay
        : state is TraderState.ImportOnly or TraderState.TwoWay;

    /// <summary>
    /// The stage rule of the self-assessment (docs/assessment.md): never operated → new;
    /// operated but not regularly → occasional; regularly → regular. "Regularly" implies "operated".
    /// </summary>
    public static ExperienceStage Stage(bool operatedBefore, bool regularly) =>
        regularly ? ExperienceStage.Regular : operatedBefore ? ExperienceStage.Occasional : ExperienceStage.New;
}
