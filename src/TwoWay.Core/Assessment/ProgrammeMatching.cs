using TwoWay.Domain;
using TwoWay.Policy;

namespace TwoWay.Assessment;

/// <summary>A programme that fits a firm's next step: its rank, points and every reason it fits.</summary>
public sealed record ProgrammeMatch(int Rank, string Programme, string Name, string Agency, int Points, IReadOnlyList<string> Reasons);

/// <summary>What is known of the firm beyond its answers, for programme eligibility.</summary>
public sealed record FirmFacts(SizeClass? Size = null, string? Sector = null);

public static class ProgrammeMatching
{
    public const int PointsPerInstrument = 3;
    public const int PointsForMechanism = 2;
    public const int PointsForBarrier = 1;
    public const int PointsForFirmModes = 2;
    public const int PointsForSector = 1;

    /// <summary>
    /// Programmes that fit the recommendation, best first. Eligible: the programme supports the
    /// recommended direction, is open to the firm's trader state and to its stage in that direction,
    /// and its size and sector rules admit the firm (unknown size or sector admits). Points:
    /// 3 per recommended instrument offered, 2 for the recommended mechanism, 1 for addressing the
    /// firm's top barrier group, 2 for supporting a way of operating the firm already uses in that
    /// direction (a goods exporter's programme for goods before one for ICT services), 1 for being
    /// aimed at the firm's sector (a programme with sector rules that admit it). A programme needs at
    /// least one recommended instrument or the mechanism to be listed. Order: points descending, then programme id (ordinal), so the
    /// ranking is deterministic.
    /// </summary>
    public static IReadOnlyList<ProgrammeMatch> Match(Catalogue catalogue, Profile profile, Recommendation recommendation,
        FirmFacts? firm = null, int top = 5)
    {
        var stage = new DirectedStage(recommendation.Direction, profile.In(recommendation.Direction).Stage);
        var candidates = new List<(Programme P, int Points)>();
        foreach (var p in catalogue.Programmes)
        {
            if (!p.Supports(recommendation.Direction) || !p.IsOpenTo(profile.State) || !p.IsOpenTo(stage)
                || !p.IsOpenToSize(firm?.Size) || !p.IsOpenToSector(firm?.Sector))
                continue;
            var points = 0;
            foreach (var i in recommendation.Instruments)
                if (p.Offers(i)) points += PointsPerInstrument;
            if (p.WorksThrough(recommendation.Mechanism)) points += PointsForMechanism;
            if (points == 0) continue;
            if (profile.TopBarrier is { } b && p.Addresses(b)) points += PointsForBarrier;
            if (FirmMode(p, profile, recommendation.Direction) is not null) points += PointsForFirmModes;
            if (AimedAtSector(p, firm)) points += PointsForSector;
            candidates.Add((p, points));
        }
        // Reasons are written only for the programmes listed: a batch of 100,000 firms lists few per firm.
        candidates.Sort((x, y) => x.Points != y.Points ? y.Points.CompareTo(x.Points) : string.CompareOrdinal(x.P.Id, y.P.Id));
        var matches = new List<ProgrammeMatch>(Math.Min(top, candidates.Count));
        for (var k = 0; k < candidates.Count && k < top; k++)
        {
            var (p, points) = candidates[k];
            var reasons = new List<string>(4);
            foreach (var i in recommendation.Instruments)
                if (p.Offers(i)) reasons.Add(Reasons.Offers[(int)i]);
            if (p.WorksThrough(recommendation.Mechanism)) reasons.Add(Reasons.Mechanism[(int)recommendation.Mechanism]);
            if (profile.TopBarrier is { } b && p.Addresses(b)) reasons.Add(Reasons.Barrier[(int)b]);
            if (FirmMode(p, profile, recommendation.Direction) is { } mode) reasons.Add($"supports {mode.Name(recommendation.Direction)}, which the firm already does");
            if (AimedAtSector(p, firm)) reasons.Add($"aimed at the firm's sector ({firm!.Sector})");
            reasons.Add(Reasons.Open(profile.State, stage));
            matches.Add(new ProgrammeMatch(k + 1, p.Id, p.Name, p.Agency, points, reasons));
        }
        return matches;
    }

    /// <summary>The first of the firm's current modes in <paramref name="direction"/> the programme supports, if any.</summary>
    private static Mode? FirmMode(Programme p, Profile profile, Direction direction)
    {
        foreach (var m in profile.In(direction).Modes)
            if (p.Modes.Contains(new DirectedMode(direction, m))) return m;
        return null;
    }

    private static bool AimedAtSector(Programme p, FirmFacts? firm) =>
        firm?.Sector is { } sector && p.EligibleSectors.Count > 0 && p.IsOpenToSector(sector);
}

/// <summary>The reason texts, made once: a batch repeats the same few sentences for every firm.</summary>
internal static class Reasons
{
    public static readonly string[] Offers = Enum.GetValues<Instrument>().Select(i => $"offers {PlainWords.Of(i)}, as recommended").ToArray();
    public static readonly string[] Mechanism = Enum.GetValues<Policy.Mechanism>().Select(m => $"helps through {PlainWords.Of(m)}, as recommended").ToArray();
    public static readonly string[] Barrier = Enum.GetValues<BarrierGroup>().Select(b => $"tackles {PlainWords.Of(b)}, your biggest obstacle").ToArray();

    private static readonly string[,,] OpenTexts = BuildOpen();

    public static string Open(TraderState state, DirectedStage stage) => OpenTexts[(int)state, (int)stage.Direction, (int)stage.Stage];

    private static string[,,] BuildOpen()
    {
        var states = Enum.GetValues<TraderState>();
        var directions = Enum.GetValues<Direction>();
        var stages = Enum.GetValues<ExperienceStage>();
        var texts = new string[states.Length, directions.Length, stages.Length];
        foreach (var s in states)
            foreach (var d in directions)
                foreach (var g in stages)
                    texts[(int)s, (int)d, (int)g] = $"open to firms like this one ({PlainWords.Of(s)}; {PlainWords.Of(d, g)})";
        return texts;
    }
}
