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

    /// <summary>
    /// Programmes that fit the recommendation, best first. Eligible: the programme supports the
    /// recommended direction, is open to the firm's trader state and to its stage in that direction,
    /// and its size and sector rules admit the firm (unknown size or sector admits). Points:
    /// 3 per recommended instrument offered, 2 for the recommended mechanism, 1 for addressing the
    /// firm's top barrier group. A programme needs at least one recommended instrument or the
    /// mechanism to be listed. Order: points descending, then programme id (ordinal), so the
    /// ranking is deterministic.
    /// </summary>
    public static IReadOnlyList<ProgrammeMatch> Match(Catalogue catalogue, Profile profile, Recommendation recommendation,
        FirmFacts? firm = null, int top = 5)
    {
        var stage = new DirectedStage(recommendation.Direction, profile.In(recommendation.Direction).Stage);
        var candidates = new List<(Programme P, int Points, List<string> Reasons)>();
        foreach (var p in catalogue.Programmes)
        {
            if (!p.Supports(recommendation.Direction) || !p.IsOpenTo(profile.State) || !p.IsOpenTo(stage)
                || !p.IsOpenToSize(firm?.Size) || !p.IsOpenToSector(firm?.Sector))
                continue;
            var reasons = new List<string>();
            var points = 0;
            foreach (var i in recommendation.Instruments.Where(p.Instruments.Contains))
            {
                points += PointsPerInstrument;
                reasons.Add($"offers {Vocabulary<Instrument>.Code(i)} (recommended)");
            }
            if (p.Mechanisms.Contains(recommendation.Mechanism))
            {
                points += PointsForMechanism;
                reasons.Add($"works through the {Vocabulary<Mechanism>.Code(recommendation.Mechanism)} mechanism (recommended)");
            }
            if (points == 0) continue;
            if (profile.TopBarrier is { } b && p.Barriers.Contains(b))
            {
                points += PointsForBarrier;
                reasons.Add($"addresses {Vocabulary<BarrierGroup>.Code(b)} barriers, your top barrier group");
            }
            reasons.Add($"open to {Vocabulary<TraderState>.Code(profile.State)} firms at {stage.Code}");
            candidates.Add((p, points, reasons));
        }
        return candidates
            .OrderByDescending(c => c.Points).ThenBy(c => c.P.Id, StringComparer.Ordinal)
            .Take(top)
            .Select((c, i) => new ProgrammeMatch(i + 1, c.P.Id, c.P.Name, c.P.Agency, c.Points, c.Reasons))
            .ToList();
    }
}
