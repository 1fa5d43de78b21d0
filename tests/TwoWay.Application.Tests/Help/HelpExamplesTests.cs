using System.Text;
using System.Text.Json;
using TwoWay.TestKit;

namespace TwoWay.Application.Tests.Help;

/// <summary>A demo folder (<c>twoway demo</c>'s output) in which every help example is run, as a new user would after the demo.</summary>
public sealed class DemoFolder : IDisposable
{
    public TempDir Dir { get; } = new();

    public DemoFolder()
    {
        var demo = CliRunner.Run("demo", "--out", Dir.Path);
        if (demo.ExitCode != 0) throw new InvalidOperationException("demo failed: " + demo.Error);
        // The survey example needs a stratified cluster sample: the fictional one the survey tests use.
        File.Copy(Path.Combine(Contract.Repo.Root, "tests", "TwoWay.Panels.Tests", "Reference", "survey-design.csv"), Dir.File("survey.csv"));
    }

    public void Dispose() => Dir.Dispose();
}

/// <summary>
/// Every example printed by any command's --help runs with exit 0 in a demo folder (issue 16: an
/// example that fails is worse than none). Examples run in the order a user would need them.
/// </summary>
public sealed class HelpExamplesTests(DemoFolder demo) : IClassFixture<DemoFolder>
{
    /// <summary>The order examples run in: each example runs at the first prefix it starts with.</summary>
    private static readonly string[] Order =
    [
        "init", "import study.twoway demo-study", "study settings", "export", "import study.twoway cases.xlsx", "template", "firms", "analyze", "report",
        "sources add", "codes starter", "code study.twoway", "code edit", "code remove", "code import", "suggest study.twoway", "suggest accept", "suggest reject", "guide", "panel simulate", "panel analyze", "panel sql", "panel fit",
        "survey analyze", "demo", "study push", "study pull", "users add", "users list", "users role", "users reset-password", "users end-sessions", "users disable", "users enable", "serve",
    ];

    /// <summary>The server examples need a database: <see cref="Study_examples_run_against_a_real_server"/>.</summary>
    private static bool NeedsServer(string example) =>
        example.StartsWith("study push ", StringComparison.Ordinal) || example.StartsWith("study pull ", StringComparison.Ordinal)
        || example.StartsWith("users ", StringComparison.Ordinal)
        || example.StartsWith("panel analyze postgresql://", StringComparison.Ordinal);

    /// <summary>
    /// `serve` runs until Ctrl-C, so it cannot run here; TwoWay.Web.Tests start the same server on
    /// the same kind of study and drive it in Chromium.
    /// </summary>
    private static bool RunsUntilStopped(string example) => example.StartsWith("serve ", StringComparison.Ordinal);

    [Fact]
    public void Every_help_example_runs_in_a_demo_folder()
    {
        var examples = AllExamples();
        Assert.True(examples.Count >= 20, $"only {examples.Count} examples found");
        var unordered = examples.Where(e => Array.FindIndex(Order, o => e.StartsWith(o, StringComparison.Ordinal)) < 0).ToList();
        Assert.True(unordered.Count == 0, "add these examples to Order:\n" + string.Join("\n", unordered));
        string? codingId = null;
        foreach (var example in examples.Where(e => !NeedsServer(e) && !RunsUntilStopped(e)).OrderBy(e => Array.FindIndex(Order, o => e.StartsWith(o, StringComparison.Ordinal))))
        {
            var words = Split(example);
            // The command's own words stay words: "panel" is a command here, even though the demo folder has a panel/ folder.
            var depth = Order.First(o => example.StartsWith(o, StringComparison.Ordinal)).Split(' ').TakeWhile(w => !w.Contains('.')).Count();
            var args = words.Select((a, i) => i < depth ? a : Local(a, i > 0 ? words[i - 1] : null)).ToList();
            // A coding id differs in every study: the examples' 236adb83 stands for the coding the code example made.
            if (codingId is not null) args = args.Select(a => a == "236adb83" ? codingId : a).ToList();
            // Suggestion ids too: 3f9c2a1b and 5d0e7c44 stand for the demo's first two new suggestions.
            if (example.StartsWith("suggest ", StringComparison.Ordinal) && !example.StartsWith("suggest study", StringComparison.Ordinal))
            {
                // The demo's transcripts tell only of recorded operations; a later interview tells of two new ones.
                if (!File.Exists(demo.Dir.File("round3.txt")))
                {
                    File.WriteAllText(demo.Dir.File("round3.txt"), "R: In 2019 we exported valves to Sweden. In 2020 we also exported pumps to Finland.\n");
                    Assert.Equal(0, CliRunner.Run("sources", "add", demo.Dir.File("study.twoway"), demo.Dir.File("round3.txt"), "--case", "RS-01").ExitCode);
                }
                var fresh = JsonDocument.Parse(CliRunner.Run("suggest", demo.Dir.File("study.twoway"), "--json").Out).RootElement
                    .GetProperty("suggestions").EnumerateArray().Where(x => x.GetProperty("status").GetString() == "new").Select(x => x.GetProperty("id").GetString()!).ToList();
                args = args.Select(a => a == "3f9c2a1b" ? fresh[0] : a == "5d0e7c44" ? fresh[^1] : a).ToList();
            }
            var r = CliRunner.Run([.. args]);
            Assert.True(r.ExitCode == 0, $"twoway {example}\n→ exit {r.ExitCode}: {r.Error}");
            if (example.StartsWith("code study.twoway", StringComparison.Ordinal))
                codingId = JsonDocument.Parse(CliRunner.Run("quotes", demo.Dir.File("study.twoway"), "--coder", "alice", "--json").Out)
                    .RootElement.GetProperty("quotations")[0].GetProperty("coding_id").GetString()![..8];
        }
    }

    [Fact]
    [Trait("Category", "PostgreSQL")]
    public void Study_examples_run_against_a_real_server()
    {
        var study = demo.Dir.File("server-source.twoway");
        File.Copy(demo.Dir.File("demo.twoway"), study);
        var database = PostgresCluster.Instance.NewDatabase("examples");
        LoadDemoPanel(database);
        foreach (var example in AllExamples().Where(NeedsServer).OrderBy(e => Array.FindIndex(Order, o => e.StartsWith(o, StringComparison.Ordinal))))
        {
            var args = Split(example).Select(a => a.StartsWith("Host=db.example.org", StringComparison.Ordinal) || a.StartsWith("postgresql://analyst@db.example.org", StringComparison.Ordinal) ? database
                : a == "study.twoway" ? study : a == "copy.twoway" ? demo.Dir.File("server-copy.twoway") : a).ToArray();
            var r = CliRunner.Run(args);
            Assert.True(r.ExitCode == 0, $"twoway {example}\n→ exit {r.ExitCode}: {r.Error}");
        }
        Assert.True(File.Exists(demo.Dir.File("server-copy.twoway")));
    }

    /// <summary>The demo's fictional panel as the table the `panel analyze … --table trade.firm_years` example reads.</summary>
    private void LoadDemoPanel(string database)
    {
        var csv = demo.Dir.File("panel-for-server.csv");
        using (var duck = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:"))
        {
            duck.Open();
            using var c = duck.CreateCommand();
            c.CommandText = $"COPY (SELECT * FROM read_parquet('{demo.Dir.File("panel/panel.parquet")}')) TO '{csv}' (HEADER, DELIMITER ',')";
            c.ExecuteNonQuery();
        }
        using var db = new Npgsql.NpgsqlConnection(database);
        db.Open();
        using (var cmd = new Npgsql.NpgsqlCommand("CREATE SCHEMA trade; CREATE TABLE trade.firm_years (firm_id BIGINT, year INTEGER, import_value DOUBLE PRECISION, export_value DOUBLE PRECISION, sector TEXT, size_class TEXT, region TEXT)", db))
            cmd.ExecuteNonQuery();
        using var writer = db.BeginTextImport("COPY trade.firm_years FROM STDIN (FORMAT csv, HEADER true)");
        writer.Write(File.ReadAllText(csv));
    }

    /// <summary>A relative file argument of an example, resolved in the demo folder (the tests share one process and its working folder).</summary>
    private string Local(string arg, string? previous)
    {
        if (arg.StartsWith('-')) return arg;
        var isPath = previous is "--out" or "-o" || File.Exists(demo.Dir.File(arg)) || Directory.Exists(demo.Dir.File(arg))
            || new[] { ".twoway", ".csv", ".xlsx", ".html", ".md", ".parquet", ".txt", ".qdpx", ".qdc", ".sql" }.Any(x => arg.EndsWith(x, StringComparison.Ordinal));
        return isPath ? demo.Dir.File(arg) : arg;
    }

    /// <summary>Every example line of every command's help, without the leading "twoway ".</summary>
    private static List<string> AllExamples()
    {
        var examples = new List<string>();
        var seen = new HashSet<string>();
        void Walk(string[] path)
        {
            var help = CliRunner.Run([.. path, "--help"]).Out;
            var lines = help.Split('\n').Select(l => l.TrimEnd()).ToList();
            for (var i = lines.IndexOf("EXAMPLES:") + 1; i > 0 && i < lines.Count && lines[i].Length > 0; i++)
                if (seen.Add(lines[i].Trim())) examples.Add(lines[i].Trim()["twoway ".Length..]);
            var commands = lines.IndexOf("COMMANDS:");
            for (var i = commands + 1; commands >= 0 && i < lines.Count && lines[i].Length > 0; i++)
                Walk([.. path, lines[i].Trim().Split(' ')[0]]);
        }
        Walk([]);
        return examples;
    }

    /// <summary>Splits a command line as a POSIX shell does for double quotes.</summary>
    internal static string[] Split(string line)
    {
        var args = new List<string>();
        var cur = new StringBuilder();
        bool quoted = false, any = false;
        foreach (var c in line)
        {
            if (c == '"') { quoted = !quoted; any = true; }
            else if (c == ' ' && !quoted) { if (any || cur.Length > 0) args.Add(cur.ToString()); cur.Clear(); any = false; }
            else cur.Append(c);
        }
        if (any || cur.Length > 0) args.Add(cur.ToString());
        return [.. args];
    }
}
