using TwoWay.Statistics;
using TwoWay.Domain;

namespace TwoWay.Panels;

/// <summary>One firm of a cross-section survey: import and export indicators, sampling weight, categorical covariates,
/// and, for a complex design, its stratum, PSU (cluster) and finite population correction.</summary>
public sealed record SurveyFirm(bool Imports, bool Exports, double Weight, IReadOnlyList<string> Levels)
{
    public string? Stratum { get; init; }
    public string? Psu { get; init; }
    public double? Fpc { get; init; }
}

/// <summary>
/// The survey's sampling design, as <c>svydesign(ids = ~cluster, strata = ~strata, weights = ~w, fpc = ~fpc)</c>:
/// the column names (null when not given), the single-PSU rule, and whether the logit's variance without a
/// design is scaled by n/(n−1) as <c>svyglm</c> does.
/// </summary>
public sealed record SurveyOptions
{
    public string? StrataColumn { get; init; }
    public string? ClusterColumn { get; init; }
    public string? FpcColumn { get; init; }
    public LonelyPsu LonelyPsu { get; init; } = LonelyPsu.Fail;
    public bool SvyglmScaling { get; init; }
    public bool HasDesign => StrataColumn is not null || ClusterColumn is not null || FpcColumn is not null;
}

/// <summary>
/// A weighted share with its interval; <see cref="EffectiveN"/> is the effective sample size the Wilson interval rests on
/// (Kish's without a design; p̂(1−p̂)/se² with one). <see cref="Se"/> is the Taylor-linearisation standard error under the
/// design (without one: each firm its own PSU, as <c>svydesign(ids = ~1, weights = ~w)</c>), <see cref="Deff"/> the design
/// effect as <c>svymean(deff = TRUE)</c> (null when undefined: total weight ≤ firms).
/// </summary>
public sealed record WeightedShare(string Name, double Firms, double EffectiveN, Proportion Share)
{
    public double Se { get; init; }
    public double? Deff { get; init; }
}

/// <summary>The design an analysis used: columns, counts, design degrees of freedom (PSUs − strata) and the single-PSU rule.</summary>
public sealed record SurveyDesignSummary(string Description, string? Strata, string? Cluster, string? Fpc,
    int StrataCount, int Psus, int DegreesOfFreedom, string LonelyPsu, IReadOnlyList<string> LonelyStrata);

/// <summary>
/// The result of `twoway survey analyze`. <c>Independence</c>: Pearson's χ² on the weighted table rescaled to
/// Kish's n_eff (1 df), kept for comparison; <c>RaoScott</c>: the Rao–Scott second-order corrected F test of
/// independence under the design (<c>svychisq(statistic = "F")</c>); <c>LogitVariance</c>: which variance the
/// logit's robust SE is ("design", "hc0" or "hc0-svyglm"); <c>LogitDf</c>: residual degrees of freedom of the
/// t tests of its coefficients (design df + 1 − coefficients, as <c>svyglm</c>), null with HC0 (z tests).
/// </summary>
public sealed record SurveyAnalysis(
    string Source,
    long Firms,
    double WeightTotal,
    IReadOnlyList<WeightedShare> States,
    WeightedShare ExportGivenImport,
    WeightedShare ExportGivenNoImport,
    WeightedShare ImportGivenExport,
    WeightedShare ImportGivenNoExport,
    ChiSquareTest Independence,
    LogisticResult? Logit,
    IReadOnlyList<string> Problems,
    SurveyDesignSummary Design,
    RaoScottTest? RaoScott,
    string LogitVariance,
    double? LogitDf);

/// <summary>
/// Survey mode (docs/methods.md): weighted shares p̂ = Σ w·1{·}/Σ w and conditional shares (ratio estimators)
/// with Taylor-linearisation standard errors and design effects under the sampling design (strata, PSUs,
/// fpc; <see cref="SurveyDesign"/>), Wilson 95% intervals at an effective sample size (Kish's
/// n_eff = (Σ w)²/Σ w² without a design, p̂(1−p̂)/se² with one); the Rao–Scott F test of independence of
/// importing and exporting; the weighted logit of exporting on importing and the covariates, weights
/// normalised to mean 1, with design-based variance (as <c>svyglm(family = quasibinomial())</c>) or,
/// without a design, the sandwich HC0 variance (each firm its own cluster; × n/(n−1) on request as svyglm).
/// </summary>
public static class SurveyAnalyses
{
    public static SurveyAnalysis Analyze(string source, IReadOnlyList<SurveyFirm> firms, IReadOnlyList<string> covariates, SurveyOptions? options = null)
    {
        options ??= new SurveyOptions();
        if (firms.Count == 0) throw new EstimationException("the survey has no firms");
        var total = firms.Sum(f => f.Weight);
        var design = SurveyDesign.Create(firms.Select(f => f.Weight).ToArray(),
            options.StrataColumn is null ? null : firms.Select(f => f.Stratum ?? "").ToArray(),
            options.ClusterColumn is null ? null : firms.Select(f => f.Psu ?? "").ToArray(),
            options.FpcColumn is null ? null : firms.Select(f => f.Fpc ?? double.NaN).ToArray(),
            options.LonelyPsu);
        var summary = new SurveyDesignSummary(
            options.HasDesign
                ? $"svydesign(ids = ~{options.ClusterColumn ?? "1"}{(options.StrataColumn is null ? "" : $", strata = ~{options.StrataColumn}")}, weights = ~w{(options.FpcColumn is null ? "" : $", fpc = ~{options.FpcColumn}")})"
                : "svydesign(ids = ~1, weights = ~w): each firm its own PSU, no strata",
            options.StrataColumn, options.ClusterColumn, options.FpcColumn, design.Strata, design.Psus, design.DegreesOfFreedom,
            options.LonelyPsu.ToString().ToLowerInvariant(), design.LonelyStrata);
        var exports = firms.Select(f => f.Exports ? 1.0 : 0).ToArray();
        var imports = firms.Select(f => f.Imports ? 1.0 : 0).ToArray();

        WeightedShare Share(string name, double[] y, bool[]? domain)
        {
            var g = domain is null ? firms.ToList() : firms.Where((_, i) => domain[i]).ToList();
            var w = g.Sum(f => f.Weight);
            var w2 = g.Sum(f => f.Weight * f.Weight);
            var neff = w2 == 0 ? 0 : w * w / w2;
            var est = design.Mean(y, domain);
            var p = g.Count == 0 ? 0 : est.Estimate;
            if (options.HasDesign && p > 0 && p < 1 && est.Se > 0) neff = p * (1 - p) / (est.Se * est.Se);
            return new WeightedShare(name, g.Count, neff, Wilson.Interval(p * neff, neff)) { Se = est.Se, Deff = est.Deff };
        }
        var states = TraderStates.All.Select(s => Share(s.Code(),
            firms.Select(f => TraderStates.Of(f.Imports, f.Exports) == s ? 1.0 : 0).ToArray(), null)).ToList();

        // χ² on the weighted table scaled to the effective sample size.
        var nEff = total * total / firms.Sum(f => f.Weight * f.Weight);
        var cell = new double[2, 2];
        foreach (var f in firms) cell[f.Imports ? 1 : 0, f.Exports ? 1 : 0] += f.Weight / total * nEff;
        var chi = 0.0;
        for (var i = 0; i < 2; i++)
            for (var j = 0; j < 2; j++)
            {
                var expected = (cell[i, 0] + cell[i, 1]) * (cell[0, j] + cell[1, j]) / nEff;
                chi += expected == 0 ? 0 : Math.Pow(cell[i, j] - expected, 2) / expected;
            }

        var problems = new List<string>();
        RaoScottTest? raoScott = null;
        if (firms.Any(f => f.Imports) && firms.Any(f => !f.Imports) && firms.Any(f => f.Exports) && firms.Any(f => !f.Exports))
            raoScott = design.RaoScott(firms.Select(f => f.Imports ? 1 : 0).ToArray(), firms.Select(f => f.Exports ? 1 : 0).ToArray(), 2, 2);
        else problems.Add("Rao–Scott test: importing or exporting does not vary");

        LogisticResult? logit = null;
        var designLogit = options.HasDesign || options.SvyglmScaling;
        double? logitDf = null;
        try
        {
            var names = new List<string> { "(Intercept)", "imports" };
            var levels = new List<string[]>();
            var baselines = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var v = 0; v < covariates.Count; v++)
            {
                var all = firms.Select(f => f.Levels[v]).Distinct().OrderBy(s => s, StringComparer.Ordinal).ToArray();
                if (all.Length < 2) throw new EstimationException($"covariate '{covariates[v]}' has no variation (every firm has '{all[0]}')");
                levels.Add(all[1..]);
                baselines[covariates[v]] = all[0];
                names.AddRange(all[1..].Select(l => $"{covariates[v]}={l}"));
            }
            var x = new double[firms.Count, names.Count];
            for (var i = 0; i < firms.Count; i++)
            {
                x[i, 0] = 1; x[i, 1] = firms[i].Imports ? 1 : 0;
                var j = 2;
                for (var v = 0; v < levels.Count; v++)
                    foreach (var l in levels[v]) x[i, j++] = firms[i].Levels[v] == l ? 1 : 0;
            }
            var mean = total / firms.Count;
            var ones = Enumerable.Repeat(1.0, firms.Count).ToArray();
            var wn = firms.Select(f => f.Weight / mean).ToArray();
            if (designLogit)
            {
                // svyglm: B (linearisation variance of the weighted scores) B, t tests on design df + 1 − p.
                var fit = Logistic.Fit(x, names, exports, ones, wn);
                var beta = fit.Coefficients.Select(c => c.Estimate).ToArray();
                var scores = new double[firms.Count, names.Count];
                for (var i = 0; i < firms.Count; i++)
                {
                    var s = Logistic.Score(beta, x, i, exports[i], 1);
                    for (var j = 0; j < names.Count; j++) scores[i, j] = wn[i] * s[j];
                }
                logit = Logistic.Fit(x, names, exports, ones, wn, clusterMeat: design.Variance(scores), clusterCount: design.Psus);
                var df = design.DegreesOfFreedom + 1.0 - names.Count;
                logitDf = df;
                logit = logit with { Coefficients = logit.Coefficients.Select(c => c with { P = SurveyDesign.TTwoSided(c.Z, df) }).ToList() };
            }
            else
                logit = Logistic.Fit(x, names, exports, ones, wn, Enumerable.Range(0, firms.Count).ToArray());
            logit = logit with { Coefficients = Coefficient.WithReferences(logit.Coefficients, baselines) };
        }
        catch (EstimationException ex) { problems.Add("weighted logit: " + ex.Message); }

        var importers = firms.Select(f => f.Imports).ToArray();
        var exporters = firms.Select(f => f.Exports).ToArray();
        return new SurveyAnalysis(source, firms.Count, total, states,
            Share("P(export | import)", exports, importers),
            Share("P(export | no import)", exports, importers.Select(b => !b).ToArray()),
            Share("P(import | export)", imports, exporters),
            Share("P(import | no export)", imports, exporters.Select(b => !b).ToArray()),
            ChiSquareTest.Of(chi, 1), logit, problems, summary, raoScott,
            options.HasDesign ? "design" : options.SvyglmScaling ? "hc0-svyglm" : "hc0", logitDf);
    }
}
