using System.Diagnostics;
using TwoWay.Domain;
using TwoWay.Statistics;

namespace TwoWay.Panels;

/// <summary>
/// The whole panel analysis from tallies, for every engine (<see cref="PanelPass"/> in process,
/// <see cref="PanelAggregation"/> where the data lives): states, transitions, both entry directions
/// (cells, fits on cells, score pass), conversion and the country linkage, each stage timed.
/// </summary>
internal static class PanelRun
{
    /// <param name="tallies">Where the counts come from.</param>
    /// <param name="source">Names the data in messages: a model the data cannot support is bad input.</param>
    /// <param name="covs">The covariates.</param>
    /// <param name="ties">Ties in the Cox partial likelihood.</param>
    /// <param name="seconds">Receives the stage timings (and already holds the engine's own).</param>
    /// <param name="stage">Reports progress.</param>
    /// <param name="minCell">Disclosure control: hold back figures resting on 1 to N − 1 firms; null for none.</param>
    /// <param name="linkage">The country linkage, when the engine has flows.</param>
    public static PanelAnalysis Analyze(IPanelTallies tallies, string source, IReadOnlyList<string> covs, Ties ties, IDictionary<string, double> seconds,
        Action<string> stage, int? minCell = null, Func<CountryLinkage>? linkage = null)
    {
        T Timed<T>(string name, Func<T> work)
        {
            var sw = Stopwatch.StartNew();
            var r = work();
            seconds[name] = Math.Round(sw.Elapsed.TotalSeconds, 3);
            return r;
        }
        var control = minCell is { } n ? new DisclosureCollector(n) : null;
        var (firms, firmYears, first, last) = tallies.Extent();
        var states = Timed("states", () => PanelTallyResults.States(tallies.StateCounts()));
        var (pooled, byYear) = Timed("transitions", () => PanelTallyResults.Transitions(tallies.TransitionCounts()));
        EntryAnalysis exportEntry, importEntry;
        try
        {
            exportEntry = Timed("export_entry", () => Entry(tallies, Direction.Outward, covs, ties, seconds, stage, control));
            importEntry = Timed("import_entry", () => Entry(tallies, Direction.Inward, covs, ties, seconds, stage, control));
        }
        catch (EstimationException ex)
        {
            throw new Input.InputException(source, null, null, ex.Message);
        }
        var conversion = Timed("conversion", () => { stage("conversion"); return PanelTallyResults.Conversion(tallies.ConversionCounts()); });
        var link = linkage is null ? null : Timed("country_linkage", linkage);
        var analysis = new PanelAnalysis(source, firms, firmYears, first, last, covs, states, pooled, byYear,
            exportEntry, importEntry, conversion, link, new Dictionary<string, double>(seconds));
        return control is null ? analysis : control.Finish(analysis);
    }

    /// <summary>
    /// One direction's entry models: the cells, the fits on cells, and the score pass for
    /// firm-clustered standard errors; the time of the fits and of the pass go into <paramref name="seconds"/>.
    /// </summary>
    private static EntryAnalysis Entry(IPanelTallies tallies, Direction entering, IReadOnlyList<string> covs, Ties ties, IDictionary<string, double> seconds,
        Action<string> stage, DisclosureCollector? control)
    {
        var what = PanelSql.DirectionName(entering);
        stage($"{what} entry: spells");
        var cells = tallies.Cells(entering);
        if (control is not null) cells = control.Apply(cells);
        stage($"{what} entry: models");
        var pass = TimeSpan.Zero;
        var all = Stopwatch.StartNew();
        var result = EntryModels.Analyze(entering, covs, cells.Cells, cells.Outcomes, ties, (scores, blocks) =>
        {
            var sw = Stopwatch.StartNew();
            var meat = tallies.ClusterMeat(entering, scores, blocks);
            pass = sw.Elapsed;
            return meat;
        });
        seconds[$"{what}_entry_fits_on_cells"] = Math.Round((all.Elapsed - pass).TotalSeconds, 3);
        seconds[$"{what}_entry_firm_score_pass"] = Math.Round(pass.TotalSeconds, 3);
        return result;
    }
}
