using TwoWay.Statistics;
using TwoWay.Domain;

namespace TwoWay.Panels;

/// <summary>One firm of a cross-section survey: import and export indicators, sampling weight, categorical covariates.</summary>
public sealed record SurveyFirm(bool Imports, bool Exports, double Weight, IReadOnlyList<string> Levels);

/// <summary>A weighted share with its interval; <see cref="EffectiveN"/> is Kish's effective sample size it rests on.</summary>
public sealed record WeightedShare(string Name, double Firms, double EffectiveN, Proportion Share);

/// <summary>The result of `twoway survey analyze`.</summary>
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
    IReadOnlyList<string> Problems);

/// <summary>
/// Survey mode (docs/methods.md): weighted shares p̂ = Σ w·1{·}/Σ w with Wilson 95% intervals at
/// Kish's effective sample size n_eff = (Σ w)²/Σ w² (Kish 1965); the import × export independence
/// test is Pearson's χ² on the weighted 2×2 table rescaled to n_eff (a design-effect correction in
/// the spirit of Rao &amp; Scott 1981); the weighted logit of exporting on importing and the covariates
/// uses weights normalised to mean 1 and the sandwich (HC0) variance, each firm its own cluster.
/// </summary>
public static class SurveyAnalyses
{
    public static SurveyAnalysis Analyze(string source, IReadOnlyList<SurveyFirm> firms, IReadOnlyList<string> covariates)
    {
        if (firms.Count == 0) throw new EstimationException("the survey has no firms");
        var total = firms.Sum(f => f.Weight);
        WeightedShare Share(string name, IEnumerable<SurveyFirm> group, Func<SurveyFirm, bool> yes)
        {
            var g = group.ToList();
            var w = g.Sum(f => f.Weight);
            var w2 = g.Sum(f => f.Weight * f.Weight);
            var neff = w2 == 0 ? 0 : w * w / w2;
            var p = w == 0 ? 0 : g.Where(yes).Sum(f => f.Weight) / w;
            return new WeightedShare(name, g.Count, neff, Wilson.Interval(p * neff, neff));
        }
        var states = TraderStates.All.Select(s => Share(s.Code(), firms, f => TraderStates.Of(f.Imports, f.Exports) == s)).ToList();

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
        LogisticResult? logit = null;
        try
        {
            var names = new List<string> { "(Intercept)", "imports" };
            var levels = new List<string[]>();
            for (var v = 0; v < covariates.Count; v++)
            {
                var all = firms.Select(f => f.Levels[v]).Distinct().OrderBy(s => s, StringComparer.Ordinal).ToArray();
                if (all.Length < 2) throw new EstimationException($"covariate '{covariates[v]}' has no variation (every firm has '{all[0]}')");
                levels.Add(all[1..]);
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
            logit = Logistic.Fit(x, names, firms.Select(f => f.Exports ? 1.0 : 0).ToArray(), Enumerable.Repeat(1.0, firms.Count).ToArray(),
                firms.Select(f => f.Weight / mean).ToArray(), Enumerable.Range(0, firms.Count).ToArray());
        }
        catch (EstimationException ex) { problems.Add("weighted logit: " + ex.Message); }

        return new SurveyAnalysis(source, firms.Count, total, states,
            Share("P(export | import)", firms.Where(f => f.Imports), f => f.Exports),
            Share("P(export | no import)", firms.Where(f => !f.Imports), f => f.Exports),
            Share("P(import | export)", firms.Where(f => f.Exports), f => f.Imports),
            Share("P(import | no export)", firms.Where(f => !f.Exports), f => f.Imports),
            ChiSquareTest.Of(chi, 1), logit, problems);
    }
}
