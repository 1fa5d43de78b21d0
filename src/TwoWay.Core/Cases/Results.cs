// Only the record parameters that need explaining carry a <param> tag; the rest are self-explanatory.
#pragma warning disable CS1573

using TwoWay.Domain;

namespace TwoWay.Cases;

// The result records of the case analyses. They hold only JSON-friendly values (strings, numbers,
// enums, lists) so that the CLI, the JSON output and the HTML report show the same thing without
// computing anything themselves.

/// <summary>An operation as the results cite it.</summary>
/// <param name="ModeCode">Direction-specific mode code, e.g. "licensing_in".</param>
/// <param name="ModeName">Direction-specific mode name, e.g. "licensing-in".</param>
/// <param name="Start">"YYYY" or "YYYY-MM".</param>
public sealed record OperationRef(
    string Id,
    Direction Direction,
    Mode Mode,
    string ModeCode,
    string ModeName,
    string Country,
    string? Partner,
    string Start,
    string? End)
{
    public static OperationRef Of(Operation op) => new(
        op.Id.Value, op.Direction, op.Mode, op.Mode.Code(op.Direction), op.Mode.Name(op.Direction),
        op.PartnerCountry.Value, op.Partner, op.Start.ToString(), op.End?.ToString());
}

/// <summary>A change of stage: in <see cref="Year"/> the stage moved from <see cref="From"/> to <see cref="To"/> because of <see cref="Cause"/>.</summary>
public sealed record StageChange(int Year, StageLevel From, StageLevel To, int ToNumber, string ToLabel, OperationRef Cause, string Reason);

/// <summary>The stage of one direction as of a year, with the history of changes up to that year.</summary>
public sealed record DirectionStage(
    Direction Direction,
    int AsOfYear,
    StageLevel Level,
    int Number,
    string Label,
    IReadOnlyList<StageChange> History);

/// <summary>Degree of internationalization of one direction as of a year. See <see cref="Degrees"/> for the formulas.</summary>
/// <param name="ActiveOperations">Operations of this direction active in the as-of year.</param>
/// <param name="Intensity">Outward: foreign sales / total sales (FSTS); inward: foreign purchases / total purchases. Null when unknown.</param>
/// <param name="OperationsWithKnownShare">Active operations whose share of total is known.</param>
/// <param name="Countries">Distinct partner countries of active operations.</param>
/// <param name="CountriesEver">Distinct partner countries of every operation started up to the as-of year.</param>
/// <param name="Regions">Distinct M49 regions of active partner countries.</param>
/// <param name="SubRegions">Distinct M49 sub-regions of active partner countries.</param>
/// <param name="Dispersion">Blau index 1 − Σ p_k² over M49 sub-regions of the active partner countries, 0–1.</param>
/// <param name="HighestTier">Highest commitment tier among active operations; null when none is active.</param>
/// <param name="FirstYear">First year an operation of this direction started; null when none.</param>
/// <param name="ExperienceYears">As-of year minus <see cref="FirstYear"/>; null when no operation.</param>
/// <param name="Composite">Mean of the normalised components listed in <see cref="CompositeComponents"/>, 0–1.</param>
/// <param name="IntensityLowerBound">Sum of the known shares of active operations (capped at 1): what intensity is at least. Equals <see cref="Intensity"/> when that is known.</param>
public sealed record DirectionDegree(
    Direction Direction,
    int AsOfYear,
    int ActiveOperations,
    double? Intensity,
    int OperationsWithKnownShare,
    int Countries,
    int CountriesEver,
    int Regions,
    int SubRegions,
    double Dispersion,
    CommitmentTier? HighestTier,
    int? FirstYear,
    int? ExperienceYears,
    double Composite,
    IReadOnlyList<string> CompositeComponents,
    double IntensityLowerBound);

/// <summary>Both directions side by side and their balance (holistic view, Welch &amp; Luostarinen 1993).</summary>
/// <param name="Balance">(outward composite − inward composite) / (outward + inward), in [−1, 1]; null when both are 0.</param>
/// <param name="IntensityBalance">The same balance on intensities; null when either intensity is unknown or both are 0.</param>
/// <param name="Countries">Distinct partner countries of active operations in either direction.</param>
/// <param name="Composite">Mean of the inward and outward composites, 0–1.</param>
public sealed record HolisticDegree(
    DirectionDegree Inward,
    DirectionDegree Outward,
    double? Balance,
    double? IntensityBalance,
    int Countries,
    double Composite);

/// <summary>The order in which a firm went international in the two directions.</summary>
public enum Trajectory
{
    InwardLed,
    OutwardLed,
    Simultaneous,
    InwardOnly,
    OutwardOnly,
    Domestic,
}

/// <summary>A flag that may be undecidable from the data (e.g. born global without a founding year).</summary>
public enum FlagState
{
    Yes,
    No,
    Unknown,
}

/// <summary>Born global (Knight &amp; Cavusgil 1996, 2004): outward within 3 years of founding with at least 25% foreign sales.</summary>
/// <param name="HighestShareInWindow">Highest known foreign-sales share in the founding window; null when none is known.</param>
public sealed record BornGlobalFlag(
    FlagState State,
    int? FoundingYear,
    int? FirstOutwardYear,
    double? HighestShareInWindow,
    string Reason);

/// <summary>An operation that ended up to the as-of year, with why.</summary>
public sealed record EndedOperation(OperationRef Operation, string End, EndReasonKind? ReasonKind, string? ReasonNote, bool Geopolitical);

/// <summary>De-internationalization (Benito &amp; Welch 1997): operations ended, and directions left entirely.</summary>
/// <param name="Geopolitical">True when at least one ending was caused by sanctions or a geopolitical barrier.</param>
/// <param name="WithdrawnDirections">Directions in which the firm had operations but none is active in the as-of year.</param>
public sealed record DeinternationalizationFlag(
    bool Present,
    bool Geopolitical,
    IReadOnlyList<EndedOperation> Ended,
    IReadOnlyList<Direction> WithdrawnDirections,
    string Reason);

/// <summary>The trajectory of a firm with the years it rests on and a readable reason.</summary>
/// <param name="FirstInward">"YYYY" or "YYYY-MM" of the first inward operation.</param>
/// <param name="LeadYears">First outward minus first inward, in years (positive: inward came first); null unless both exist.</param>
public sealed record TrajectoryResult(
    Trajectory Kind,
    int? FirstInwardYear,
    int? FirstOutwardYear,
    string? FirstInward,
    string? FirstOutward,
    double? LeadYears,
    OperationRef? FirstInwardOperation,
    OperationRef? FirstOutwardOperation,
    string Reason,
    BornGlobalFlag BornGlobal,
    DeinternationalizationFlag Deinternationalization);

/// <summary>Which rule linked two operations.</summary>
public enum ConnectionKind
{
    /// <summary>A named partner of an earlier operation appears in a later one of the other direction.</summary>
    SamePartner,
    /// <summary>An earlier operation in a country is followed by one of the other direction in the same country.</summary>
    SameCountry,
    /// <summary>Licensing or a technical agreement followed by trade in the other direction.</summary>
    Technology,
    /// <summary>An alliance or joint venture followed by any operation in the other direction.</summary>
    Network,
}

/// <summary>From which direction to which a connection runs.</summary>
public enum ConnectionDirection
{
    InwardToOutward,
    OutwardToInward,
}

/// <summary>A link from an earlier operation in one direction to a later one in the other.</summary>
/// <param name="LagYears">Start of <see cref="To"/> minus start of <see cref="From"/> in years; whole years unless both starts have a month.</param>
/// <param name="MonthPrecision">True when both starts carry a month, so the lag is in months / 12.</param>
public sealed record Connection(
    ConnectionKind Kind,
    ConnectionDirection Direction,
    OperationRef From,
    OperationRef To,
    double LagYears,
    bool MonthPrecision,
    string Explanation);

/// <summary>How many connections a case has, by direction and by rule.</summary>
public sealed record ConnectionCounts(int InwardToOutward, int OutwardToInward, int SamePartner, int SameCountry, int Technology, int Network);

/// <summary>Everything the case analyses say about one firm as of a year.</summary>
public sealed record CaseProfile(
    string FirmId,
    string FirmName,
    string HomeCountry,
    string? Sector,
    int? FoundingYear,
    int AsOfYear,
    DirectionStage InwardStage,
    DirectionStage OutwardStage,
    HolisticDegree Degree,
    TrajectoryResult Trajectory,
    IReadOnlyList<Connection> Connections,
    ConnectionCounts ConnectionCounts);

/// <summary>The study's question per case: is inward a basis for outward, an independent path, or neither?</summary>
public enum CasePattern
{
    /// <summary>Inward-led with at least one inward→outward connection.</summary>
    Complementarity,
    /// <summary>Inward-only, or inward-led without any inward→outward connection.</summary>
    IndependentInward,
    /// <summary>Every other case (outward-led, simultaneous, outward-only, domestic).</summary>
    Other,
}

/// <summary>One row of the cross-case comparison table.</summary>
public sealed record CrossCaseRow(
    string FirmId,
    string FirmName,
    string HomeCountry,
    int InwardStage,
    int OutwardStage,
    double? InwardIntensity,
    double? OutwardIntensity,
    int InwardCountries,
    int OutwardCountries,
    double InwardComposite,
    double OutwardComposite,
    double? Balance,
    Trajectory Trajectory,
    double? LeadYears,
    FlagState BornGlobal,
    bool Deinternationalized,
    bool GeopoliticalEnding,
    int InwardToOutward,
    int OutwardToInward,
    CasePattern Pattern)
{
    /// <summary>For a complementarity case: whether its inward→outward connections rest on the rules, an interview, or both.</summary>
    public ClaimSource? Basis { get; init; }

    /// <summary>Inward→outward connections a quotation contradicts (listed, not counted).</summary>
    public int ContestedInwardToOutward { get; init; }
}

/// <summary>How many cases would show complementarity with one source of evidence only.</summary>
/// <param name="RulesOnly">By the rules on the operations table alone.</param>
/// <param name="InterviewOnly">By uncontradicted interview assertions alone.</param>
public sealed record ComplementaritySensitivity(int RulesOnly, int InterviewOnly);

/// <summary>The cases behind one answer.</summary>
public sealed record PatternGroup(CasePattern Pattern, int Count, IReadOnlyList<string> FirmIds, string Rule);

/// <summary>How many cases follow one trajectory, and which.</summary>
public sealed record TrajectoryCount(Trajectory Trajectory, int Count, IReadOnlyList<string> FirmIds);

/// <summary>The study-level answer to "complementarity or independence?" with the cases behind it.</summary>
public sealed record CrossCaseSummary(
    int Cases,
    PatternGroup Complementarity,
    PatternGroup IndependentInward,
    PatternGroup Other,
    IReadOnlyList<TrajectoryCount> Trajectories,
    string Answer,
    IReadOnlyList<CrossCaseRow> Rows)
{
    /// <summary>The complementarity count under each source alone; null when interviews were not considered.</summary>
    public ComplementaritySensitivity? Sensitivity { get; init; }

    /// <summary>Firms with an inward→outward connection that a quotation contradicts (not counted).</summary>
    public IReadOnlyList<string> Contested { get; init; } = [];
}
