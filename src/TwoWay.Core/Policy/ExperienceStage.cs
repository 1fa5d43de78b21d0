namespace TwoWay.Policy;

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

public static class ExperienceStages
{
    /// <summary>
    /// The stage rule of the self-assessment (docs/assessment.md): never operated → new;
    /// operated but not regularly → occasional; regularly → regular. "Regularly" implies "operated".
    /// </summary>
    public static ExperienceStage Stage(bool operatedBefore, bool regularly) =>
        regularly ? ExperienceStage.Regular : operatedBefore ? ExperienceStage.Occasional : ExperienceStage.New;
}
