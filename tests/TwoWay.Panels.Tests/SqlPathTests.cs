using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Statistics;

namespace TwoWay.Panels.Tests;

/// <summary>The DuckDB path: SQL spells equal the pure rules; hand-worked states, transitions, conversion, linkage; bad input.</summary>
public class SqlPathTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Sql_spell_rows_equal_the_pure_rules_on_random_panels(int seed)
    {
        using var tmp = new TempDir();
        var (firms, csv) = Panels.Random(300, 9, seed);
        var file = tmp.Write("p.csv", csv);
        using var engine = new PanelEngine();
        engine.Load(new PanelInput(file));
        engine.PrepareWindow();
        foreach (var direction in new[] { Direction.Outward, Direction.Inward })
        {
            var expected = firms.OrderBy(f => f.Key, StringComparer.Ordinal)
                .SelectMany(f => EntrySpells.For(f.Value, direction).Select(r => (f.Key, r))).ToList();
            var actual = engine.SpellRows(direction, 0).Select(x => (x.Firm, x.Row))
                .OrderBy(x => x.Firm, StringComparer.Ordinal).ThenBy(x => x.Row.Interval).ToList();
            Assert.True(expected.Count > 100);
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [InlineData(4, 2005)]
    [InlineData(5, null)]
    public void Sql_window_activity_gives_the_same_population_as_the_pure_rule(int seed, int? year)
    {
        // The policy lens's population from a panel: DuckDB counts per (state now, window counts);
        // YearlyActivity.Classify on each firm's own years must give the same groups, gaps included.
        using var tmp = new TempDir();
        var (firms, csv) = Panels.Random(400, 9, seed);
        using var engine = new PanelEngine();
        engine.Load(new PanelInput(tmp.Write("p.csv", csv)));
        var activity = engine.ActivityInWindow(year, TwoWay.Policy.YearlyActivity.Window);
        Assert.Equal(year ?? 2008, activity.Year);
        var fromSql = TwoWay.Policy.YearlyActivity.Merge(activity.Rows.Select(TwoWay.Policy.YearlyActivity.Classify));
        static bool Exports(TraderState s) => s is TraderState.ExportOnly or TraderState.TwoWay;
        static bool Imports(TraderState s) => s is TraderState.ImportOnly or TraderState.TwoWay;
        var pure = TwoWay.Policy.YearlyActivity.Merge(firms.Values
            .Select(ys => TwoWay.Policy.YearlyActivity.Classify(ys.ToDictionary(y => y.Year, y => (Exports(y.State), Imports(y.State))), activity.Year))
            .OfType<TwoWay.Policy.PopulationGroup>());
        static string Key(TwoWay.Policy.PopulationGroup g) => $"{g.State}/{g.OutwardStage}/{g.InwardStage}";
        Assert.Equal(pure.OrderBy(Key).Select(g => (Key(g), g.Firms)), fromSql.OrderBy(Key).Select(g => (Key(g), g.Firms)));
        Assert.True(pure.Sum(g => g.Firms) > 300);
    }

    /// <summary>
    /// Stages in 2013 (window 2011–2013) by hand. a: first exports 2012 and first imports 2011, both in the window → new/new,
    /// export-only now. b: exports 2012 only, never imports → outward new, no inward stage, none now. c: exported 2010 (before
    /// the window) and 2011 → outward occasional; imports 2011–2013 → inward regular; import-only now. d: 2012 missing;
    /// first exports 2013 → new; imports 2010 (before) and in 2 of 2 observed window years → occasional (the window is
    /// not fully observed); two-way now. e never trades → no stage either way (the old rule called it new/new).
    /// f exported in 2010 only → outward occasional (lapsed), no inward stage.
    /// </summary>
    [Fact]
    public void Panel_stages_by_hand_never_traders_have_no_stage()
    {
        const string panel = """
            firm_id,year,import_value,export_value
            a,2010,0,0
            a,2011,5,0
            a,2012,5,7
            a,2013,0,7
            b,2010,0,0
            b,2011,0,0
            b,2012,0,3
            b,2013,0,0
            c,2010,0,9
            c,2011,1,9
            c,2012,1,0
            c,2013,1,0
            d,2010,2,0
            d,2011,2,0
            d,2013,2,4
            e,2010,0,0
            e,2011,0,0
            e,2012,0,0
            e,2013,0,0
            f,2010,0,5
            f,2011,0,0
            f,2012,0,0
            f,2013,0,0
            """;
        using var tmp = new TempDir();
        using var engine = new PanelEngine();
        engine.Load(new PanelInput(tmp.Write("stages.csv", panel)));
        var groups = TwoWay.Policy.YearlyActivity.Merge(engine.ActivityInWindow(2013, TwoWay.Policy.YearlyActivity.Window).Rows
            .Select(TwoWay.Policy.YearlyActivity.Classify)).ToList();
        const TwoWay.Policy.ExperienceStage New = TwoWay.Policy.ExperienceStage.New, Occ = TwoWay.Policy.ExperienceStage.Occasional,
            Reg = TwoWay.Policy.ExperienceStage.Regular;
        Assert.Contains(new TwoWay.Policy.PopulationGroup(TraderState.ExportOnly, New, New, 1), groups);  // a
        Assert.Contains(new TwoWay.Policy.PopulationGroup(TraderState.None, New, null, 1), groups);       // b
        Assert.Contains(new TwoWay.Policy.PopulationGroup(TraderState.ImportOnly, Occ, Reg, 1), groups);  // c
        Assert.Contains(new TwoWay.Policy.PopulationGroup(TraderState.TwoWay, New, Occ, 1), groups);      // d
        Assert.Contains(new TwoWay.Policy.PopulationGroup(TraderState.None, null, null, 1), groups);      // e
        Assert.Contains(new TwoWay.Policy.PopulationGroup(TraderState.None, Occ, null, 1), groups);       // f
        Assert.Equal(6, groups.Sum(g => g.Firms));
        Assert.Equal(6, groups.Count);
    }

    private const string Hand = """
        firm_id,year,import_value,export_value
        a,2010,0,0
        a,2011,5,0
        a,2012,5,7
        a,2013,0,7
        b,2010,0,0
        b,2011,0,0
        b,2012,0,3
        b,2013,0,0
        c,2010,0,9
        c,2011,1,9
        c,2012,1,0
        c,2013,1,0
        d,2010,2,0
        d,2011,2,0
        d,2013,2,4
        """;

    [Fact]
    public void Hand_worked_panel_states_transitions_and_conversion()
    {
        using var tmp = new TempDir();
        using var engine = new PanelEngine();
        engine.Load(new PanelInput(tmp.Write("hand.csv", Hand)));
        var r = engine.Analyze();
        Assert.Equal(4, r.Firms);
        Assert.Equal(15, r.FirmYears);
        // 2010: a none, b none, c export-only, d import-only.
        var s2010 = r.States.Where(s => s.Year == 2010).ToDictionary(s => s.State, s => s.Firms);
        Assert.Equal(2, s2010[TraderState.None]);
        Assert.Equal(1, s2010[TraderState.ExportOnly]);
        Assert.Equal(1, s2010[TraderState.ImportOnly]);
        // Consecutive pairs: a 3, b 3, c 3, d 1 (2011→2013 is not consecutive) = 10.
        Assert.Equal(10, r.Transitions.FirmYears);
        var noneToNone = r.Transitions.Cells.Single(c => c.From == TraderState.None && c.To == TraderState.None);
        Assert.Equal(1, noneToNone.Firms); // b 2010→2011
        var fromNone = r.Transitions.Cells.Where(c => c.From == TraderState.None).Sum(c => c.Firms);
        Assert.Equal(3, fromNone); // a 10→11, b 10→11, b 13? no: b 12 export-only→13 none; so a, b, b(11→12)
        Assert.Equal(1.0 / 3, noneToNone.Probability.Estimate, 12);
        Assert.Equal(Wilson.Interval(1, 3).Lower, noneToNone.Probability.Lower, 12);

        // Export entry: a (enters 2012: interval 2, imp_lag 1), b (enters 2012: interval 2, imp_lag 0); d gap → censored at interval 1; c left out.
        Assert.Equal(3, r.ExportEntry.FirmsAtRisk);
        Assert.Equal(5, r.ExportEntry.SpellRows);
        Assert.Equal(2, r.ExportEntry.Entries);
        // Conversion: importers first = a (none in 2010, first activity 2011 import-only; exports 2012 → within 1 year).
        var k1 = r.Conversion.Single(c => c.WithinYears == 1);
        Assert.Equal(1, k1.ImportersFirst.Trials);
        Assert.Equal(1, k1.ImportersFirst.Successes);
        // Non-traders in y0: a, b; within 1 year of 2010 neither exported; within 2 years both did.
        Assert.Equal((2.0, 0.0), (k1.NonTraders.Trials, k1.NonTraders.Successes));
        var k2 = r.Conversion.Single(c => c.WithinYears == 2);
        Assert.Equal((2.0, 2.0), (k2.NonTraders.Trials, k2.NonTraders.Successes));
        // Within 3 years of 2011 a would need 2014: not observed, so a is not in the k = 3 denominator.
        Assert.Equal(0, r.Conversion.Single(c => c.WithinYears == 3).ImportersFirst.Trials);
    }

    [Fact]
    public void Country_linkage_hand_worked()
    {
        using var tmp = new TempDir();
        var flows = tmp.Write("flows.csv", """
            firm_id,year,country,flow,value
            a,2010,DE,import,5
            a,2010,FR,export,1
            a,2011,DE,export,3
            a,2011,FR,export,1
            b,2010,IT,export,2
            b,2011,IT,export,2
            b,2011,ES,export,2
            """);
        using var engine = new PanelEngine();
        engine.Load(new PanelInput(tmp.Write("hand.csv", Hand)) { FlowsPath = flows });
        var r = engine.Analyze().CountryLinkage!;
        // Countries: DE, FR, IT, ES (4). Exporter firm-years after the firm's first year: a 2011, b 2011.
        // a 2011: DE imported before (2010), not yet exported → at risk with prior imports, starts (event).
        //         others at risk without prior: IT, ES (FR already exported) → 2, no starts.
        // b 2011: no prior imports; at risk: DE, FR, ES (IT already) → 3, ES starts.
        Assert.Equal(4, r.Countries);
        Assert.Equal((1.0, 1.0), (r.WithPriorImports.Trials, r.WithPriorImports.Successes));
        Assert.Equal((5.0, 1.0), (r.WithoutPriorImports.Trials, r.WithoutPriorImports.Successes));
        Assert.Equal(5.0, r.RiskRatio, 12);
    }

    [Fact]
    public void Bad_input_is_reported_with_file_row_and_column_and_nothing_is_analysed()
    {
        using var tmp = new TempDir();
        var file = tmp.Write("bad.csv", """
            firm_id,year,import_value,export_value
            a,2010,0,0
            a,2010,1,0
            b,2011.5,0,0
            c,2012,-3,0
            d,twenty,0,x
            ,2012,0,0
            """);
        using var engine = new PanelEngine();
        var ex = Assert.Throws<InputException>(() => engine.Load(new PanelInput(file)));
        var e = ex.Errors.Select(x => x.ToString()).ToList();
        Assert.Contains(e, s => s.Contains("row 3") && s.Contains("'year'") && s.Contains("duplicate firm-year") && s.Contains("row 2"));
        Assert.Contains(e, s => s.Contains("row 4") && s.Contains("'year'") && s.Contains("2011.5"));
        Assert.Contains(e, s => s.Contains("row 5") && s.Contains("'import_value'") && s.Contains("negative"));
        Assert.Contains(e, s => s.Contains("row 6") && s.Contains("'year'") && s.Contains("'twenty' is not a year"));
        Assert.Contains(e, s => s.Contains("row 6") && s.Contains("'export_value'") && s.Contains("'x' is not a number"));
        Assert.Contains(e, s => s.Contains("row 7") && s.Contains("'firm_id'"));
        Assert.Equal(6, e.Count);
        Assert.All(ex.Errors, x => Assert.Equal(file, x.Source));
    }

    [Fact]
    public void Unknown_country_code_and_bad_flow_are_reported_with_rows()
    {
        using var tmp = new TempDir();
        var flows = tmp.Write("flows.csv", """
            firm_id,year,country,flow,value
            a,2010,DE,import,5
            a,2010,XX,export,1
            a,2011,DE,sale,3
            """);
        using var engine = new PanelEngine();
        var ex = Assert.Throws<InputException>(() => engine.Load(new PanelInput(tmp.Write("hand.csv", Hand)) { FlowsPath = flows }));
        Assert.Contains(ex.Errors, x => x.Row == 3 && x.Field == "country" && x.Message.Contains("'XX' is not an ISO 3166-1"));
        Assert.Contains(ex.Errors, x => x.Row == 4 && x.Field == "flow" && x.Message.Contains("'sale'"));
    }

    [Fact]
    public void Missing_columns_are_named_and_can_be_mapped()
    {
        using var tmp = new TempDir();
        var file = tmp.Write("m.csv", "id,yr,imp,exp\na,2010,0,0\na,2011,1,1\nb,2010,1,0\nb,2011,0,1\n");
        using (var engine = new PanelEngine())
        {
            var ex = Assert.Throws<InputException>(() => engine.Load(new PanelInput(file)));
            Assert.Contains(ex.Errors, x => x.Field == "firm_id" && x.Message.Contains("missing column"));
        }
        using (var engine = new PanelEngine())
        {
            engine.Load(new PanelInput(file) { FirmColumn = "id", YearColumn = "yr", ImportColumn = "imp", ExportColumn = "exp" });
            engine.PrepareWindow();
            Assert.Equal(2, engine.SpellRows(Direction.Outward, 0).Count);
        }
    }

    [Fact]
    public void Csv_parquet_and_partitioned_parquet_give_the_same_analysis()
    {
        using var tmp = new TempDir();
        var rows = PanelSimulation.Generate(1500, 6, 5, 2.0).ToList();
        var results = new List<PanelAnalysis>();
        foreach (var name in new[] { "s.csv", "s.parquet", "s_by_year" })
        {
            PanelWriter.Write(rows, tmp.File(name));
            using var engine = new PanelEngine();
            engine.Load(new PanelInput(tmp.File(name)) { Covariates = ["size_class"] });
            results.Add(engine.Analyze());
        }
        foreach (var r in results.Skip(1))
        {
            Assert.Equal(results[0].FirmYears, r.FirmYears);
            // Equal up to the order DuckDB sums in parallel.
            var a = results[0].ExportEntry.Cox!.Coefficients; var b = r.ExportEntry.Cox!.Coefficients;
            for (var j = 0; j < a.Count; j++)
            {
                Assert.Equal(a[j].Estimate, b[j].Estimate, 1e-10);
                Assert.Equal(a[j].RobustSe!.Value, b[j].RobustSe!.Value, 1e-10);
            }
        }
    }

    [Fact]
    public void Parquet_errors_name_the_partition_file_and_row()
    {
        using var tmp = new TempDir();
        var rows = PanelSimulation.Generate(50, 3, 5, 2.0).ToList();
        rows.Add(rows[0]); // a duplicate firm-year
        PanelWriter.Write(rows, tmp.File("dup.parquet"));
        using var engine = new PanelEngine();
        var ex = Assert.Throws<InputException>(() => engine.Load(new PanelInput(tmp.File("dup.parquet"))));
        var e = Assert.Single(ex.Errors);
        Assert.Equal(rows.Count, e.Row);
        Assert.EndsWith("dup.parquet", e.Source);
        Assert.Contains("duplicate firm-year", e.Message);
    }
}
