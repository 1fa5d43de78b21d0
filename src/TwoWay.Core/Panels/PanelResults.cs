using TwoWay.Domain;
using TwoWay.Statistics;

namespace TwoWay.Panels;

/// <summary>Share of firms in a trader state in a year.</summary>
public sealed record StateShare(int Year, TraderState State, long Firms, double Share);

/// <summary>One cell of a transition matrix: firms in state From in year t and To in t + 1, with P(To | From) and its Wilson 95% interval.</summary>
public sealed record Transition(TraderState From, TraderState To, long Firms, Proportion Probability);

/// <summary>Transitions between consecutive observed years: for one starting year, or pooled over all years (FromYear null).</summary>
public sealed record TransitionMatrix(int? FromYear, long FirmYears, IReadOnlyList<Transition> Cells)
{
    /// <summary>Row probabilities with Wilson intervals from counts of (from, to) pairs.</summary>
    public static TransitionMatrix From(int? fromYear, IEnumerable<(TraderState From, TraderState To, long Firms)> counts)
    {
        var byPair = counts.GroupBy(c => (c.From, c.To)).ToDictionary(g => g.Key, g => g.Sum(c => c.Firms));
        var cells = new List<Transition>();
        foreach (var from in TraderStates.All)
        {
            var row = TraderStates.All.Sum(to => byPair.GetValueOrDefault((from, to)));
            foreach (var to in TraderStates.All)
            {
                var n = byPair.GetValueOrDefault((from, to));
                cells.Add(new Transition(from, to, n, Wilson.Interval(n, row)));
            }
        }
        return new TransitionMatrix(fromYear, byPair.Values.Sum(), cells);
    }
}

/// <summary>
/// Entry analysis in one direction. A model the data cannot support (e.g. no entries in a group)
/// is null and its reason is listed in <see cref="Problems"/>; the descriptive parts remain.
/// </summary>
public sealed record EntryAnalysis(
    Direction Entering,
    string LagCovariate,
    long FirmsAtRisk,
    long SpellRows,
    long Entries,
    IReadOnlyList<KaplanMeierCurve> KaplanMeier,
    LogRankResult? LogRank,
    CoxResult? Cox,
    LogisticResult? Logit,
    IReadOnlyList<string> Problems);

/// <summary>Share exporting within k years: firms whose first international activity was importing vs firms without international activity.</summary>
public sealed record ConversionRow(int WithinYears, Proportion ImportersFirst, Proportion NonTraders);

/// <summary>
/// Country linkage: among exporters' firm-country-years at risk of a first export to country c,
/// the share that start exporting to c, with and without earlier imports from c, and their ratio.
/// </summary>
public sealed record CountryLinkage(long Countries, Proportion WithPriorImports, Proportion WithoutPriorImports, double RiskRatio);

/// <summary>The whole `twoway panel analyze` result: one record the CLI prints, serialises and reports.</summary>
public sealed record PanelAnalysis(
    string Source,
    long Firms,
    long FirmYears,
    int FirstYear,
    int LastYear,
    IReadOnlyList<string> Covariates,
    IReadOnlyList<StateShare> States,
    TransitionMatrix Transitions,
    IReadOnlyList<TransitionMatrix> TransitionsByYear,
    EntryAnalysis ExportEntry,
    EntryAnalysis ImportEntry,
    IReadOnlyList<ConversionRow> Conversion,
    CountryLinkage? CountryLinkage,
    IReadOnlyDictionary<string, double> Seconds)
{
    /// <summary>What <c>--min-cell</c> held back; null without it.</summary>
    public DisclosureReport? Disclosure { get; init; }

    /// <summary>Firms observed per year, kept when disclosure control holds back some states' counts (otherwise their sum); null without it.</summary>
    public IReadOnlyDictionary<int, long>? FirmsByYear { get; init; }
}

/// <summary>
/// Firms observed in a year with the same trade in it (<see cref="ImportedNow"/>, <see cref="ExportedNow"/>)
/// and the same counts over the window of years up to it: observed years, years with exports, years with imports;
/// and whether they exported or imported in any observed year before the window.
/// </summary>
public sealed record WindowActivityRow(bool ImportedNow, bool ExportedNow, int ObservedYears, int ExportedYears, int ImportedYears, long Firms,
    bool ExportedBefore = false, bool ImportedBefore = false);

/// <summary>Every firm observed in <see cref="Year"/>, grouped by its activity in that year and the <see cref="Window"/> years up to it.</summary>
public sealed record WindowActivity(int Year, int Window, IReadOnlyList<WindowActivityRow> Rows);

/// <summary>
/// What <c>twoway panel fit</c> reports: the entry models fitted on a cells file computed elsewhere.
/// <see cref="StandardErrors"/> is "firm-clustered" when the score pass's products were given for
/// both directions, otherwise "model-based" (the clustered ones need the second round trip).
/// </summary>
public sealed record PanelFit(string Cells, IReadOnlyList<string> Covariates, EntryAnalysis ExportEntry, EntryAnalysis ImportEntry, string StandardErrors)
{
    /// <summary>The score-pass SQL file written (<c>--score-sql</c>).</summary>
    public IReadOnlyList<string> ScoreSql { get; init; } = [];

    /// <summary>What <c>--min-cell</c> held back before fitting; null without it.</summary>
    public DisclosureReport? Disclosure { get; init; }

    /// <summary>Fits both directions from their cells. <paramref name="meat"/>: each direction's Σ_f U_f U_fᵀ from the score pass, where known.</summary>
    /// <param name="cells">The cells file's name, for the result.</param>
    /// <param name="covariates">The covariates, as the cells' levels are ordered.</param>
    /// <param name="byDirection">Each direction's cells and Kaplan–Meier outcomes.</param>
    /// <param name="ties">Ties in the Cox partial likelihood.</param>
    /// <param name="meat">The score products per direction; missing directions get model-based standard errors.</param>
    /// <param name="scores">Receives each direction's cell scores and score blocks (for the score-pass SQL).</param>
    public static PanelFit Of(string cells, IReadOnlyList<string> covariates, IReadOnlyDictionary<Direction, (IReadOnlyList<SpellCell> Cells, IReadOnlyList<SpellOutcome> Outcomes)> byDirection,
        Ties ties, IReadOnlyDictionary<Direction, (double[,] Meat, long Clusters)> meat, IDictionary<Direction, (IReadOnlyList<CellScore> Scores, IReadOnlyList<ScoreBlock> Blocks)>? scores = null)
    {
        EntryAnalysis Fit(Direction d) => EntryModels.Analyze(d, covariates, byDirection[d].Cells, byDirection[d].Outcomes, ties, (s, blocks) =>
        {
            if (scores is not null) scores[d] = (s, blocks);
            return meat.TryGetValue(d, out var m) ? m : null;
        });
        var export = Fit(Direction.Outward);
        var import = Fit(Direction.Inward);
        return new PanelFit(cells, covariates, export, import, meat.Count == 2 ? "firm-clustered" : meat.Count == 0 ? "model-based" : "firm-clustered for " + (meat.ContainsKey(Direction.Outward) ? "export" : "import") + " entry only");
    }
}
