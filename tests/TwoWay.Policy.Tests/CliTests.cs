using System.Text.Json;
using Spectre.Console.Testing;
using TwoWay.Cli;
using TwoWay.Policy.Files;
using static TwoWay.Policy.Tests.Fixtures;

namespace TwoWay.Policy.Tests;

public class CliTests
{
    [Fact]
    public void Portfolio_prints_the_share_beside_its_definition_and_json_keys()
    {
        var table = CliRunner.Run("policy", "portfolio", Samples("catalogue.csv"));
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("Export-only by count: 62.5% (25 of 40)", table.Out);
        Assert.Contains("Definition: export-only =", table.Out);
        var json = CliRunner.Run("policy", "portfolio", Samples("catalogue.csv"), "--json");
        using var doc = JsonDocument.Parse(json.Out);
        var root = doc.RootElement;
        Assert.Equal(25, root.GetProperty("export_only").GetInt32());
        Assert.Equal(0.625, root.GetProperty("export_only_share_by_count").GetDouble(), 12);
        Assert.Equal("EUR", root.GetProperty("budget_currency").GetString());
        Assert.Equal("trade_fairs", root.GetProperty("direction_by_instrument")[3].GetProperty("category").GetString());
    }

    [Fact]
    public void Malformed_catalogue_exits_1_naming_file_row_and_column()
    {
        using var dir = new TempDir();
        var path = dir.Write("bad.csv", "id,name,agency,level,direction,modes,instruments,mechanisms\nA,B,C,national,outward,goods_export,training,magic\n");
        var r = CliRunner.Run("policy", "portfolio", path);
        Assert.Equal(1, r.ExitCode);
        Assert.DoesNotContain("nothing was stored", r.Error); // a read-only command has nothing to store (issue 16)
        Assert.Contains("bad.csv, row 2, column 'mechanisms'", r.Error);
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void Coverage_from_a_firm_year_panel()
    {
        using var dir = new TempDir();
        // F1: imports every year, never exports → import_only, no outward stage (a non-exporter is not a new exporter), inward regular.
        // F2: first exports in 2023 → export_only, outward new. F3: nothing in 2023, first (and only) exports in 2021, within the
        // window 2021–2023 → none, outward new.
        // F4 is not observed in 2023 and is left out. The panel is the panel analytics' format, read by its engine.
        var panel = dir.Write("panel.csv", "firm_id,year,import_value,export_value\n" +
            "F1,2021,100,0\nF1,2022,50,0\nF1,2023,1,0\nF2,2021,0,0\nF2,2022,0,0\nF2,2023,0,7.5\nF3,2021,0,3\nF3,2022,0,0\nF3,2023,0,0\nF4,2022,5,5\n");
        var r = CliRunner.Run("policy", "coverage", Samples("catalogue.csv"), "--panel", panel, "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var states = doc.RootElement.GetProperty("states").EnumerateArray().ToDictionary(s => s.GetProperty("state").GetString()!, s => s.GetProperty("firms").GetDouble());
        Assert.Equal(1, states["import_only"]);
        Assert.Equal(1, states["export_only"]);
        Assert.Equal(1, states["none"]);
        var stages = doc.RootElement.GetProperty("stages").EnumerateArray()
            .ToDictionary(s => s.GetProperty("direction").GetString() + ":" + s.GetProperty("stage").GetString(), s => s.GetProperty("firms").GetDouble());
        Assert.Equal(2, stages["outward:new"]);
        Assert.Equal(0, stages["outward:occasional"]);
        Assert.Equal(1, stages["inward:regular"]);
        Assert.Contains("panel.csv (panel, 2023)", doc.RootElement.GetProperty("population").GetString());
        Assert.Equal(3, doc.RootElement.GetProperty("total_firms").GetDouble());

        // Another year, mapped column names, and bad input named by row and column.
        var mapped = dir.Write("mapped.csv", "id,yr,imp,exp\nF1,2021,100,0\nF1,2022,0,4\n");
        var y2021 = CliRunner.Run("policy", "coverage", Samples("catalogue.csv"), "--panel", mapped, "--year", "2021", "--json",
            "--firm-column", "id", "--year-column", "yr", "--import-column", "imp", "--export-column", "exp");
        Assert.True(y2021.ExitCode == 0, y2021.Error);
        using var d2 = JsonDocument.Parse(y2021.Out);
        Assert.Equal("mapped.csv (panel, 2021)", d2.RootElement.GetProperty("population").GetString());
        Assert.Equal(1, d2.RootElement.GetProperty("states").EnumerateArray().Single(x => x.GetProperty("state").GetString() == "import_only").GetProperty("firms").GetDouble());
        var bad = CliRunner.Run("policy", "coverage", Samples("catalogue.csv"), "--panel", dir.Write("bad.csv", "firm_id,year,import_value,export_value\nF1,2021,-3,0\n"));
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("row 2, column 'import_value'", bad.Error);
        var empty = CliRunner.Run("policy", "coverage", Samples("catalogue.csv"), "--panel", panel, "--year", "2030");
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("no firm is observed in 2030", empty.Error);
    }

    [Fact]
    public void Coverage_of_a_study_counts_its_firms_by_state_trajectory_and_stage()
    {
        using var dir = new TempDir();
        var study = SmallStudy.Create(dir);
        var r = CliRunner.Run("policy", "coverage", Samples("catalogue.csv"), "--study", study, "--year", "2020", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal("cases.twoway (study, 2020)", root.GetProperty("population").GetString());
        var firms = root.GetProperty("total_firms").GetDouble();
        Assert.True(firms > 0);
        // Every firm is in exactly one state, one trajectory and one stage per direction.
        double Sum(string array, string? direction = null) => root.GetProperty(array).EnumerateArray()
            .Where(x => direction is null || x.GetProperty("direction").GetString() == direction).Sum(x => x.GetProperty("firms").GetDouble());
        Assert.Equal(firms, Sum("states"));
        Assert.Equal(firms, Sum("trajectories"));
        Assert.Equal(firms, Sum("levels", "outward"));
        Assert.Equal(firms, Sum("levels", "inward"));
        Assert.Equal("inward_led", root.GetProperty("trajectories")[0].GetProperty("trajectory").GetString());
        Assert.Equal("production_or_equity", root.GetProperty("levels")[3].GetProperty("level").GetString());
        var table = CliRunner.Run("policy", "coverage", Samples("catalogue.csv"), "--study", study);
        Assert.Contains("Trajectories (case analyses)", table.Out);
        Assert.Contains("Firms no programme is open to", table.Out);
    }

    [Fact]
    public void Coverage_needs_exactly_one_population()
    {
        var r = CliRunner.Run("policy", "coverage", Samples("catalogue.csv"));
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(2, CliRunner.Run("policy", "coverage", Samples("catalogue.csv"), "--study", "x.twoway", "--year", "99999").ExitCode);
    }

    [Fact]
    public void Coverage_flags_gaps_from_a_population_table()
    {
        using var dir = new TempDir();
        var cat = dir.Write("c.csv", "id,name,agency,level,direction,modes,instruments,mechanisms,target_states\nA,B,C,national,outward,goods_export,training,informational,export_only\n");
        var pop = dir.Write("p.csv", "trader_state,firms\nimport_only,30\nexport_only,10\n");
        var r = CliRunner.Run("policy", "coverage", cat, "--population", pop);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("GAP", r.Out);
        Assert.Contains("no programme is open to import_only firms (75% of firms)", r.Out);
    }

    [Fact]
    public void Template_programmes_writes_a_file_that_imports()
    {
        using var dir = new TempDir();
        foreach (var name in new[] { "t.csv", "t.xlsx" })
        {
            var r = CliRunner.Run("template", "programmes", dir.File(name));
            Assert.Equal(0, r.ExitCode);
            Assert.Single(CatalogueFile.Read(dir.File(name)).Programmes);
        }
        Assert.Contains("# direction (required):", File.ReadAllText(dir.File("t.csv")));
    }

    [Fact]
    public void One_template_command_writes_study_and_policy_kinds()
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliRunner.Run("template", "firms", dir.File("firms.csv")).ExitCode);
        Assert.Equal(0, CliRunner.Run("template", "answers", dir.File("a.csv"), "--questionnaire", Samples("questionnaire.json")).ExitCode);
        var q = SampleQuestionnaire();
        var header = File.ReadAllLines(dir.File("a.csv")).First(l => !l.StartsWith('#'));
        Assert.Equal(["firm_id", "size_class", "sector", .. q.Items.Select(i => i.Id)], header.Split(','));
        // Existing files are kept unless --force, for every kind.
        var again = CliRunner.Run("template", "answers", dir.File("a.csv"));
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("--force", again.Error);
        var bad = CliRunner.Run("template", "budgets", dir.File("b.csv"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("'firms', 'operations', 'codings', 'programmes' or 'answers'", bad.Error);
        Assert.Equal(2, CliRunner.Run("template", "programmes", dir.File("p.csv"), "--questionnaire", Samples("questionnaire.json")).ExitCode);
        var help = CliRunner.Run("template", "--help");
        foreach (var kind in new[] { "firms", "operations", "programmes", "answers" }) Assert.Contains(kind, help.Out);
    }

    [Fact]
    public void Assess_answers_json_gives_profile_next_step_and_programmes()
    {
        var r = CliRunner.Run("assess", "--answers", Samples("assessments", "firm-1.json"), "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal("import_only", root.GetProperty("profile").GetProperty("state").GetString());
        Assert.Equal("R03", root.GetProperty("recommendation").GetProperty("rule").GetString());
        Assert.True(root.GetProperty("programmes").GetArrayLength() > 0);
        Assert.Equal(1, root.GetProperty("programmes")[0].GetProperty("rank").GetInt32());
        // No combined score across directions exists in the output.
        Assert.False(root.GetProperty("profile").TryGetProperty("score", out _));
    }

    [Fact]
    public void Assess_without_a_terminal_or_answers_is_a_usage_error()
    {
        var r = CliRunner.Run("assess");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--answers", r.Error);
    }

    [Fact]
    public void Batch_summarises_the_population_and_writes_profiles()
    {
        using var dir = new TempDir();
        var r = CliRunner.Run("assess", "batch", Samples("assessments", "batch.csv"), "--out", dir.File("profiles.csv"), "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var pop = doc.RootElement.GetProperty("population");
        Assert.Equal(40, pop.GetProperty("firms").GetInt32());
        Assert.Equal(1.0, pop.GetProperty("states").EnumerateArray().Sum(s => s.GetProperty("share").GetDouble()), 12);
        Assert.Equal(10, pop.GetProperty("dimensions").GetArrayLength());
        Assert.True(pop.GetProperty("dimensions")[0].GetProperty("reliability").GetProperty("alpha").ValueKind == JsonValueKind.Number);
        Assert.Equal(41, File.ReadAllLines(dir.File("profiles.csv")).Count(l => !l.StartsWith('#')));
    }

    [Fact]
    public void Batch_with_a_bad_cell_exits_1_and_writes_nothing()
    {
        using var dir = new TempDir();
        var bad = dir.Write("b.csv", "firm_id,exported_before,exports_regularly,imported_before,imports_regularly,or_capacity_1\nF1,yes,no,no,no,9\n");
        var r = CliRunner.Run("assess", "batch", bad, "--out", dir.File("out.csv"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("b.csv, row 2, column 'or_capacity_1'", r.Error);
        Assert.False(File.Exists(dir.File("out.csv")));
    }
}

/// <summary>The interactive questionnaire, driven through a scripted console.</summary>
public class InteractiveTests
{
    private static (int Code, string Output) Run(TestConsole console, params string[] args)
    {
        var err = new TestConsole();
        var code = TwoWayApp.Run(args, new Terminal(console, err, interactive: true));
        return (code, console.Output + err.Output);
    }

    [Fact]
    public void One_question_at_a_time_with_back_skip_validation_quit_and_resume()
    {
        using var dir = new TempDir();
        var save = dir.File("answers.json");
        var first = new TestConsole().Interactive();
        first.Profile.Width = 200;
        foreach (var input in new[]
        {
            "maybe",   // 1 exported_before: invalid → asked again
            "no",      // 1
            "",        // 2 exports_regularly: required, cannot be skipped
            "b",       // back to 1
            "",        // 1: Enter keeps the current answer ("no")
            "no",      // 2
            "yes",     // 3 imported_before
            "yes",     // 4 imports_regularly
            "",        // 5 export_share: skipped
            "40%",     // 6 import_share
            "q",       // stop
        })
            first.Input.PushTextWithEnter(input);
        var (code, output) = Run(first, "assess", "--save", save, "--firm", "Demo");
        Assert.Equal(0, code);
        Assert.Contains("is not yes or no", output);
        Assert.Contains("cannot be skipped", output);
        Assert.Contains("Stopped; 5 answers saved", output);
        var q = SampleQuestionnaire();
        var saved = AnswersFile.Read(save, q, partial: true);
        Assert.Equal("Demo", saved.Sheet.Firm);
        Assert.Equal(new TwoWay.Assessment.ShareAnswer(0.4), saved.Sheet["import_share"]);
        Assert.Null(saved.Sheet["export_share"]);

        // Resume: starts at the first unanswered item (export_share), then answers everything.
        var second = new TestConsole().Interactive();
        second.Profile.Width = 200;
        for (var i = q.IndexOf("export_share"); i < q.Items.Length; i++)
        {
            var item = q.Items[i];
            second.Input.PushTextWithEnter(item.Id == "import_share" ? "" : item.Scale switch
            {
                TwoWay.Assessment.ScaleKind.Share => "0",
                TwoWay.Assessment.ScaleKind.Count => "2",
                TwoWay.Assessment.ScaleKind.Modes => item.Direction == TwoWay.Domain.Direction.Inward ? "goods_import; licensing_in" : "",
                _ => item.Section == TwoWay.Assessment.Section.Barriers ? "2" : "4",
            });
        }
        var (code2, output2) = Run(second, "assess", "--save", save);
        Assert.Equal(0, code2);
        Assert.Contains("Resuming", output2);
        Assert.Contains("All questions done", output2);
        Assert.Contains("the firm imports but does not export", output2);
        Assert.Contains("Use your supplier network for first exports", output2); // outward readiness 75 ≥ 60
        var done = AnswersFile.Read(save, q);
        Assert.Equal(new TwoWay.Assessment.ShareAnswer(0.4), done.Sheet["import_share"]); // Enter kept it
        Assert.Equal(2, ((TwoWay.Assessment.ModesAnswer)done.Sheet["inward_modes"]!).Modes.Length);
    }
}
