using TwoWay.Cases;
using TwoWay.Domain;

namespace TwoWay.Application.Cases;

/// <summary>
/// What `twoway analyze` computes: every selected case analysed as of one year, and the cross-case
/// summary over them. The one result the table view, the JSON view and the report all show.
/// </summary>
/// <param name="Study">The study file or location as given.</param>
/// <param name="AsOfYear">The year every case is analysed at (end of that year).</param>
/// <param name="Firms">One profile per analysed firm, ordered by firm id.</param>
/// <param name="CrossCase">The cross-case summary over <paramref name="Firms"/>.</param>
/// <param name="Claims">Per firm (ordered by firm id), its connections as claims: the rules that find each and the
/// interview quotations for and against it, with the claim's source and status.</param>
public sealed record StudyAnalysis(string Study, int AsOfYear, IReadOnlyList<CaseProfile> Firms, CrossCaseSummary CrossCase,
    IReadOnlyList<FirmClaims> Claims)
{
    /// <summary>
    /// Analyses <paramref name="cases"/> as of the end of <paramref name="asOfYear"/>; what the
    /// interviews assert or deny about connections (<paramref name="asserted"/>) counts in the answer.
    /// </summary>
    public static StudyAnalysis Of(string study, IReadOnlyList<FirmCase> cases, int asOfYear, IReadOnlyList<AssertedConnection>? asserted = null)
    {
        var profiles = CaseAnalysis.AnalyzeAll(cases, asOfYear);
        var byId = cases.ToDictionary(c => c.Firm.Id.Value, StringComparer.Ordinal);
        var claims = profiles.Select(p => new FirmClaims(p.FirmId,
            TwoWay.Cases.Claims.Of(byId[p.FirmId], p.Connections, asserted ?? [], asOfYear))).ToList();
        return new StudyAnalysis(study, asOfYear, profiles,
            TwoWay.Cases.CrossCase.Summarize(profiles, claims.ToDictionary(c => c.FirmId, c => c.Connections, StringComparer.Ordinal)), claims);
    }

    /// <summary>What the interviews of a study say about connections, from its evidence links.</summary>
    public static IReadOnlyList<AssertedConnection> Asserted(IEnumerable<TwoWay.Qualitative.EvidenceLink> links) =>
        links.Where(l => l.Target is TwoWay.Qualitative.EvidenceTarget.OfConnection)
            .Select(l => new AssertedConnection(((TwoWay.Qualitative.EvidenceTarget.OfConnection)l.Target).Id, l.CodingId,
                l.Stance == TwoWay.Qualitative.EvidenceStance.Contradicts))
            .ToList();

    /// <summary>
    /// Analyses all of a study's <paramref name="cases"/> as of <paramref name="year"/>, or by default
    /// as of <see cref="AsOf.Default"/> of those cases. Give every case of the study: the default is
    /// the study's, not a subset's (<see cref="CaseAnalysisService"/> does this for one firm).
    /// </summary>
    public static StudyAnalysis Of(string study, IReadOnlyList<FirmCase> cases, int? year, IReadOnlyList<AssertedConnection>? asserted = null) =>
        Of(study, cases, year ?? AsOf.Default(cases), asserted);
}

/// <summary>One firm's connections as claims with their basis (source and status).</summary>
public sealed record FirmClaims(string FirmId, IReadOnlyList<ConnectionClaim> Connections);

/// <summary>THE rule for the year a study is analysed at when none is given: the study's reference year, else the data's latest.</summary>
public static class AsOf
{
    /// <summary>
    /// The latest year any case of the study mentions (a start, an end or a founding year), so
    /// results depend on the data only, never on the clock; <see cref="YearMonth.MinYear"/> for a
    /// study without cases. It is the same for one firm and for all: always over the whole study.
    /// </summary>
    public static int Default(IReadOnlyList<FirmCase> studyCases) =>
        studyCases.Count == 0 ? YearMonth.MinYear : studyCases.Max(c => CaseAnalysis.LatestYear(c, YearMonth.MinYear));

    /// <summary>
    /// The year a study is analysed at when the user gives none: the reference year stored in the
    /// study (`init --as-of`) if there is one, else <see cref="Default"/> of every case of the study.
    /// </summary>
    public static int Of(TwoWay.Storage.Settings.StudyDefaults defaults, IReadOnlyList<FirmCase> studyCases)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        return defaults.AsOfYear ?? Default(studyCases);
    }
}

/// <summary>What `twoway analyze` asks for: one firm or all, as of a year or the default.</summary>
/// <param name="Firm">A firm id, or null for every firm.</param>
/// <param name="Year">The as-of year, or null for <see cref="AsOf.Default"/>.</param>
public sealed record AnalyzeRequest(string? Firm = null, int? Year = null);

/// <summary>An analysis with the cases it analysed.</summary>
public sealed record AnalyzedCases(IReadOnlyList<FirmCase> Cases, StudyAnalysis Analysis);

/// <summary>`twoway import`: the files and how to treat ids already stored.</summary>
/// <param name="Files">Firms and/or operations files (.csv, .tsv, .xlsx).</param>
/// <param name="Kind">What the files hold when their header does not tell (null: from the header).</param>
/// <param name="Replace">Update firms and operations whose id is already stored instead of refusing the import.</param>
public sealed record ImportRequest(IReadOnlyList<string> Files, Interchange.Cases.CaseTableKind? Kind = null, bool Replace = false);

/// <summary>The `twoway import --json` document.</summary>
public sealed record ImportResult(string Study, IReadOnlyList<string> Files, int FirmsAdded, int FirmsReplaced, int OperationsAdded, int OperationsReplaced);

/// <summary>
/// `twoway export`: the file (or CSV name stem), one table or both, whether existing files may be
/// replaced, and whether firm and partner names are replaced by pseudonyms (also inside evidence text).
/// </summary>
public sealed record ExportRequest(string File, Interchange.Cases.CaseTableKind? Kind = null, bool Force = false, bool Pseudonymize = false);

/// <summary>What `twoway export` wrote.</summary>
public sealed record ExportResult(IReadOnlyList<string> Files, int Firms, int Operations);

/// <summary>What `twoway init` created: the study as it is named in messages (never a secret).</summary>
public sealed record InitResult(string Study);

/// <summary>`twoway study settings`: what to change (nothing: only show them).</summary>
/// <param name="AsOfYear">Store this reference year for every analysis of the study.</param>
/// <param name="ClearAsOf">Remove the stored reference year (analyses follow the data again).</param>
public sealed record StudySettingsRequest(int? AsOfYear = null, bool ClearAsOf = false);

/// <summary>Where the as-of year an analysis uses by default comes from.</summary>
public static class AsOfSources
{
    /// <summary>The reference year stored in the study (`init --as-of`, `study settings --as-of`).</summary>
    public const string Study = "study";

    /// <summary>The latest year the study's data mention (<see cref="AsOf.Default"/>).</summary>
    public const string Data = "data";
}

/// <summary>The `twoway study settings --json` document.</summary>
/// <param name="Study">The study.</param>
/// <param name="AsOfYear">The reference year stored in the study, or null when none is.</param>
/// <param name="DefaultAsOfYear">The as-of year every analysis uses when given none.</param>
/// <param name="DefaultAsOfSource">Where that year comes from: "study" or "data".</param>
/// <param name="LatestDataYear">The latest year the study's data mention (null: no firms yet).</param>
public sealed record StudySettingsResult(string Study, int? AsOfYear, int DefaultAsOfYear, string DefaultAsOfSource, int? LatestDataYear);

/// <summary>The kinds of input file `twoway template KIND FILE` writes.</summary>
public enum TemplateKind
{
    /// <summary>A study's firms table.</summary>
    Firms,
    /// <summary>A study's operations table.</summary>
    Operations,
    /// <summary>A support-programme catalogue (policy lens).</summary>
    Programmes,
    /// <summary>A batch answers file (self-assessment survey export).</summary>
    Answers,
    /// <summary>A codings file for bulk coding (<c>code import</c>).</summary>
    Codings,
}

/// <summary>`twoway template`: the kind, the file, whether it may be replaced, and for answers the questionnaire definition (null: the built-in one).</summary>
public sealed record TemplateRequest(TemplateKind Kind, string File, bool Force = false, string? Questionnaire = null);

/// <summary>The template written (full path).</summary>
public sealed record TemplateResult(TemplateKind Kind, string File);

/// <summary>One row of `twoway firms --json`.</summary>
public sealed record FirmRow(string FirmId, string Name, string HomeCountry, string? Sector, SizeClass? Size, int? FoundingYear,
    IReadOnlyDictionary<string, string> Attributes, int InwardOperations, int OutwardOperations);

/// <summary>The `twoway firms --json` document: the firms ordered by id.</summary>
public sealed record FirmList(IReadOnlyList<FirmRow> Firms);

/// <summary>One row of `twoway modes --json`.</summary>
public sealed record ModeRow(string Mode, int Tier, string TierName, string InwardCode, string InwardName, string OutwardCode, string OutwardName);

/// <summary>The `twoway modes --json` document.</summary>
public sealed record ModeList(IReadOnlyList<ModeRow> Modes);
