using TwoWay.Domain;
using TwoWay.Geography;

namespace TwoWay.Cases;

/// <summary>
/// Degree of internationalization per direction and holistically, from published measures:
/// intensity (FSTS and its inward mirror), countries, M49 regions, dispersion, highest commitment
/// tier, years of experience, a composite in the spirit of Sullivan (1994) and the inward/outward balance.
/// </summary>
public static class Degrees
{
    /// <summary>Countries at which the country component of the composite reaches 1.</summary>
    public const int CountriesForFullScore = 10;

    /// <summary>Years of experience at which the experience component of the composite reaches 1.</summary>
    public const int ExperienceYearsForFullScore = 20;

    /// <summary>Share of foreign sales (outward) or purchases (inward) at which a born-global test passes.</summary>
    internal const double BornGlobalShare = 0.25;

    /// <summary>
    /// Intensity of <paramref name="direction"/> in <paramref name="year"/>: the sum of
    /// <see cref="Volume.ShareOfTotal"/> over the operations of that direction active in that year,
    /// capped at 1. Outward this is FSTS, foreign sales / total sales (Sullivan 1994); inward its mirror,
    /// foreign purchases / total purchases (Welch &amp; Luostarinen 1993). 0 when no operation is active;
    /// null when any active operation's share is unknown (a partial sum would understate, so none is guessed).
    /// </summary>
    public static double? Intensity(FirmCase firmCase, Direction direction, int year) =>
        Intensity(firmCase.Operations.Where(o => o.Direction == direction && o.IsActiveIn(year)), out _, out _);

    private static double? Intensity(IEnumerable<Operation> active, out int known, out double lowerBound)
    {
        known = 0;
        var unknown = false;
        var sum = 0.0;
        foreach (var op in active)
        {
            if (op.Volume?.ShareOfTotal is { } s) { sum += s; known++; }
            else unknown = true;
        }
        lowerBound = Math.Min(1.0, sum);
        return unknown ? null : lowerBound;
    }

    /// <summary>
    /// Blau's (1977) index of heterogeneity, 1 − Σ p_k², where p_k is the share of the distinct
    /// partner countries lying in M49 sub-region k. 0 when all lie in one sub-region (or none);
    /// approaches 1 − 1/K when spread evenly over K sub-regions. The geographic-dispersion
    /// counterpart of Sullivan's (1994) psychic dispersion of international operations.
    /// </summary>
    public static double Dispersion(IEnumerable<CountryCode> countries)
    {
        var bySub = new Dictionary<string, int>(StringComparer.Ordinal);
        var n = 0;
        foreach (var c in countries.Distinct())
        {
            var key = WorldRegions.Of(c).SubRegion.Code;
            bySub[key] = bySub.GetValueOrDefault(key) + 1;
            n++;
        }
        if (n == 0) return 0;
        var sumSq = 0.0;
        foreach (var count in bySub.Values)
        {
            var p = (double)count / n;
            sumSq += p * p;
        }
        return 1 - sumSq;
    }

    /// <summary>
    /// Degree of one direction as of <paramref name="asOfYear"/> (operations started after it are ignored).
    /// Composite = mean of the available normalised components (Sullivan 1994 sums five ratios in
    /// [0, 1]; averaging keeps the range 0–1 whichever components the data allow):
    /// intensity (when known); countries min(n, 10)/10; dispersion (Blau); highest tier / 4 (0 when
    /// none active); experience min(years, 20)/20 (0 when no operation).
    /// </summary>
    public static DirectionDegree Of(FirmCase firmCase, Direction direction, int asOfYear)
    {
        // One pass over the firm's operations (this runs for every firm of a study).
        var active = new List<Operation>();
        var everCountries = new HashSet<CountryCode>();
        int? first = null;
        foreach (var op in firmCase.Operations)
        {
            if (op.Direction != direction || op.Start.Year > asOfYear) continue;
            everCountries.Add(op.PartnerCountry);
            if (first is null || op.Start.Year < first) first = op.Start.Year;
            if (op.IsActiveIn(asOfYear)) active.Add(op);
        }
        var intensity = Intensity(active, out var known, out var lowerBound);
        var activeCountries = new HashSet<CountryCode>();
        var regionCodes = new HashSet<string>(StringComparer.Ordinal);
        var subRegionCodes = new HashSet<string>(StringComparer.Ordinal);
        CommitmentTier? tier = null;
        foreach (var op in active)
        {
            if (tier is null || op.Tier > tier) tier = op.Tier;
            if (!activeCountries.Add(op.PartnerCountry)) continue;
            var where = WorldRegions.Of(op.PartnerCountry);
            regionCodes.Add(where.Region.Code);
            subRegionCodes.Add(where.SubRegion.Code);
        }
        var regions = regionCodes.Count;
        var subRegions = subRegionCodes.Count;
        var dispersion = Dispersion(activeCountries);
        int? experience = first is { } f ? asOfYear - f : null;

        var components = new List<string>(5);
        var scores = new List<double>(5);
        if (intensity is { } i) { components.Add("intensity"); scores.Add(i); }
        components.Add("countries"); scores.Add(Math.Min(activeCountries.Count, CountriesForFullScore) / (double)CountriesForFullScore);
        components.Add("dispersion"); scores.Add(dispersion);
        components.Add("tier"); scores.Add(tier is { } t ? (int)t / 4.0 : 0);
        components.Add("experience"); scores.Add(experience is { } e ? Math.Min(e, ExperienceYearsForFullScore) / (double)ExperienceYearsForFullScore : 0);

        return new DirectionDegree(direction, asOfYear, active.Count, intensity, known, activeCountries.Count,
            everCountries.Count, regions, subRegions, dispersion, tier, first,
            experience, scores.Average(), components, lowerBound);
    }

    /// <summary>
    /// Both directions and their balance: balance = (out − in) / (out + in) on the composites, in
    /// [−1, 1] (−1 purely inward, +1 purely outward, 0 even); null when both are 0. The intensity
    /// balance uses the same formula on intensities and is null when either is unknown or both are 0.
    /// </summary>
    public static HolisticDegree Holistic(FirmCase firmCase, int asOfYear)
    {
        var inward = Of(firmCase, Direction.Inward, asOfYear);
        var outward = Of(firmCase, Direction.Outward, asOfYear);
        var countries = firmCase.Operations.Where(o => o.Start.Year <= asOfYear && o.IsActiveIn(asOfYear))
            .Select(o => o.PartnerCountry).Distinct().Count();
        return new HolisticDegree(inward, outward, Balance(outward.Composite, inward.Composite),
            inward.Intensity is { } i && outward.Intensity is { } o ? Balance(o, i) : null,
            countries, (inward.Composite + outward.Composite) / 2);
    }

    /// <summary>(out − in) / (out + in); null when both are 0.</summary>
    public static double? Balance(double outward, double inward) =>
        outward + inward == 0 ? null : (outward - inward) / (outward + inward);
}
