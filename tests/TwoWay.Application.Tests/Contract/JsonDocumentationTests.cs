using System.Text.Json;
using System.Text.RegularExpressions;
using TwoWay.TestKit;

namespace TwoWay.Application.Tests.Contract;

/// <summary>
/// docs/json.md is the public JSON contract. These tests run every documented command with --json
/// on real data and hold the document and the output to each other: every key the commands print
/// is documented, and every key the document shows in a JSON shape is printed by some command.
/// </summary>
public sealed partial class JsonDocumentationTests : IClassFixture<JsonDocumentationTests.Outputs>
{
    private readonly Outputs _outputs;

    public JsonDocumentationTests(Outputs outputs) => _outputs = outputs;

    private static string Doc => File.ReadAllText(Path.Combine(Repo.Root, "docs", "json.md"));

    [Fact]
    public void Every_key_a_command_prints_is_documented()
    {
        var documented = DocumentedNames().ToHashSet(StringComparer.Ordinal);
        var missing = _outputs.KeysByCommand
            .SelectMany(kv => kv.Value.Where(k => !documented.Contains(k)).Select(k => $"{kv.Key}: \"{k}\""))
            .Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "printed but not in docs/json.md:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_key_the_document_shows_in_a_shape_is_printed()
    {
        var printed = _outputs.KeysByCommand.Values.SelectMany(k => k).ToHashSet(StringComparer.Ordinal);
        var stale = ShapeKeys().Where(k => !printed.Contains(k)).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(stale.Count == 0, "in a JSON shape of docs/json.md but printed by no command:\n" + string.Join("\n", stale));
    }

    [Fact]
    public void The_commands_ran_and_printed_json()
    {
        Assert.True(_outputs.KeysByCommand.Count >= 30, $"only {_outputs.KeysByCommand.Count} commands gave JSON");
        Assert.All(_outputs.KeysByCommand, kv => Assert.NotEmpty(kv.Value));
    }

    /// <summary>Every name the document mentions as `name` or "name".</summary>
    private static IEnumerable<string> DocumentedNames() =>
        NameToken().Matches(Doc).Select(m => m.Groups[1].Value);

    /// <summary>
    /// The keys of the document's JSON shapes: "name" followed by ':', ',', '}' or ']' — not a value
    /// in an alternative ("a"|"b"), after a colon, or quoted inside backticks in prose.
    /// </summary>
    private static IEnumerable<string> ShapeKeys()
    {
        var doc = Doc;
        foreach (Match m in QuotedToken().Matches(doc))
        {
            var before = doc[..m.Index].TrimEnd();
            var after = doc[(m.Index + m.Length)..].TrimStart();
            if (before.EndsWith('|') || before.EndsWith(':') || before.EndsWith('`') || after.StartsWith('|') || after.StartsWith('`')) continue;
            if (InStringList(doc, m.Index)) continue;
            if (after.Length > 0 && after[0] is ':' or ',' or '}' or ']' or '(') yield return m.Groups[1].Value;
        }
    }

    /// <summary>True inside a list of values such as ["intensity", "countries"] (values, not keys).</summary>
    private static bool InStringList(string doc, int at)
    {
        var open = doc.LastIndexOf('[', at);
        var close = doc.IndexOf(']', at);
        if (open < 0 || close < 0 || doc.IndexOf(']', open) < at) return false;
        return StringList().IsMatch(doc[open..(close + 1)]);
    }

    [GeneratedRegex("^\\[\\s*(\"[^\"]*\"\\s*,\\s*)*\"[^\"]*\"\\s*\\]$")]
    private static partial Regex StringList();

    [GeneratedRegex("[`\"]([a-z][a-z0-9_]*)[`\"]")]
    private static partial Regex NameToken();

    [GeneratedRegex("\"([a-z][a-z0-9_]*)\"")]
    private static partial Regex QuotedToken();

    /// <summary>Runs every documented command once, on a small study and the committed samples, and keeps the keys of its JSON.</summary>
    public sealed class Outputs : IDisposable
    {
        private readonly TempDir _dir = new();

        public Dictionary<string, HashSet<string>> KeysByCommand { get; } = new(StringComparer.Ordinal);

        public Outputs()
        {
            var study = _dir.File("s.twoway");
            string Sample(params string[] p) => Path.Combine([Repo.Root, "samples", .. p]);
            var transcript = _dir.File("t1.txt");
            File.WriteAllText(transcript, "We imported machines from Kessler in Germany. Later Kessler became our first customer abroad. Učili smo od njih.");
            var second = _dir.File("t2.txt");
            File.WriteAllText(second, "Мы импортировали оборудование из Германии, потом начали экспортировать в Швецию.");

            Json("modes");
            Run("init", study);
            Json("import", study, Sample("demo-study", "firms.csv"), Sample("demo-study", "operations.csv"));
            Json("firms", study);
            Json("analyze", study);
            Json("report", study, "--out", _dir.File("r.html"));
            Named("sources add", "sources", "add", study, transcript, "--case", "RS-01", "--round", "1", "--role", "CEO", "--pseudonym", "Ana");
            Named("sources add", "sources", "add", study, second, "--case", "RS-01", "--round", "2", "--name", "second");
            Named("codes starter", "codes", "starter", study);
            Named("codes add", "codes", "add", study, "Mine");
            Named("codes add", "codes", "add", study, "Mine/Learning");
            Named("codes rename", "codes", "rename", study, "Mine/Learning", "Learning by importing");
            Named("codes add", "codes", "add", study, "Other");
            Named("codes move", "codes", "move", study, "Other", "--to", "Mine");
            var code = Named("code", "code", study, "t1", "Mine/Learning by importing", "--phrase", "imported machines from Kessler", "--coder", "alice");
            Named("code", "code", study, "t1", "Mine/Learning by importing", "--phrase", "machines from Kessler in Germany", "--coder", "bob");
            Named("code", "code", study, "t1", "Mine/Other", "--phrase", "Kessler became our first customer", "--coder", "alice");
            Named("codes merge", "codes", "merge", study, "Mine/Other", "Mine/Learning by importing");
            Named("codes add", "codes", "add", study, "Partner");
            Named("code", "code", study, "t1", "Partner", "--phrase", "from Kessler in Germany. Later Kessler", "--coder", "alice");
            Named("codes list", "codes", "list", study);
            Named("memos add", "memos", "add", study, "A memo", "--code", "Mine");
            Named("memos list", "memos", "list", study);
            Named("sources list", "sources", "list", study);
            Named("quotes", "quotes", study, "Mine/Learning by importing");
            Named("quotes", "quotes", study);
            Named("coders", "coders", study);
            Named("matrix", "matrix", study, "--quotes");
            Named("cooccurrence", "cooccurrence", study);
            // A second coded transcript, so agreement has a bootstrap interval to print.
            Run("code", study, "second", "Partner", "--span", "0-6", "--coder", "alice");
            Run("code", study, "second", "Partner", "--span", "2-8", "--coder", "bob");
            Named("agreement", "agreement", study, "alice", "bob");
            Named("search", "search", study, "kessler");
            var codingId = code.RootElement.GetProperty("coding_id").GetString()!;
            Named("evidence", "evidence", study, codingId, "--operation", "RS-01/1");
            var extra = Named("code", "code", study, "t1", "Partner", "--phrase", "imported machines", "--coder", "carla").RootElement.GetProperty("coding_id").GetString()!;
            Named("agreement (team)", "agreement", study, "alice", "bob", "carla");
            Named("code edit", "code", "edit", study, extra[..8], "--memo", "checked");
            Run("evidence", study, extra, "--operation", "RS-01/1");
            Named("code remove", "code", "remove", study, extra[..8], "--force");
            Named("code import", "code", "import", study, _dir.Write("codings.csv", "source,code,start,end,coder\nsecond,Partner,0,5,carol\n"));
            Named("qdpx export", "qdpx", "export", study, _dir.File("s.qdpx"));
            Named("qdc export", "qdc", "export", study, _dir.File("s.qdc"));
            Named("study push", "study", "push", study, "--database", _dir.File("pushed.twoway"));
            Named("guide", "guide", study, "--out", _dir.File("guide.md"));
            var newTalk = _dir.Write("round3.txt", "R: In 2019 we exported valves to Sweden. In 2020 we also exported pumps to Finland.\n");
            Run("sources", "add", study, newTalk, "--case", "RS-01");
            var suggested = Named("suggest", "suggest", study).RootElement.GetProperty("suggestions").EnumerateArray()
                .Where(x => x.GetProperty("status").GetString() == "new").Select(x => x.GetProperty("id").GetString()!).ToList();
            Named("suggest accept", "suggest", "accept", study, suggested[0]);
            Named("suggest reject", "suggest", "reject", study, suggested[1]);
            var other = _dir.File("o.twoway");
            Run("init", other);
            Named("qdpx import", "qdpx", "import", other, _dir.File("s.qdpx"));
            Named("qdc import", "qdc", "import", other, _dir.File("s.qdc"));
            Named("sources remove", "sources", "remove", other, "second", "--force");
            Named("migrate", "migrate", study);
            Named("study settings", "study", "settings", study, "--as-of", "2020");

            // The team server's accounts, on a real PostgreSQL study.
            var server = PostgresCluster.Instance.NewDatabase("jsondoc");
            Run("study", "push", study, "--database", server);
            Named("users add", "users", "add", "Мария", "--role", "owner", "--database", server);
            Named("users add", "users", "add", "bob", "--database", server);
            Named("users role", "users", "role", "bob", "viewer", "--database", server);
            Named("users list", "users", "list", "--database", server);

            Named("panel simulate", "panel", "simulate", _dir.File("p.parquet"), "--firms", "400", "--years", "8", "--seed", "3");
            Named("panel analyze", "panel", "analyze", _dir.File("p.parquet"));
            // A hand panel with firm-country flows, for the country linkage.
            File.WriteAllText(_dir.File("hand.csv"), "firm_id,year,import_value,export_value\na,2010,0,0\na,2011,5,0\na,2012,5,7\nb,2010,0,0\nb,2011,0,3\nb,2012,0,3\n");
            File.WriteAllText(_dir.File("flows.csv"), "firm_id,year,country,flow,value\na,2010,DE,import,5\na,2010,FR,export,1\na,2011,DE,export,3\nb,2010,IT,export,2\nb,2011,ES,export,2\n");
            Named("panel analyze", "panel", "analyze", _dir.File("hand.csv"), "--flows", _dir.File("flows.csv"));
            Named("panel sql", "panel", "sql", "--table", "trade.firm_years", "--dialect", "trino", "--min-cell", "10");
            Named("demo", "demo", "--out", _dir.File("demo"));
            Named("panel analyze", "panel", "analyze", _dir.File("demo/panel/panel.parquet"), "--min-cell", "10");
            Named("panel fit", "panel", "fit", _dir.File("demo/panel/cells.csv"), "--score-sql", _dir.File("scores.sql"), "--table", "t", "--min-cell", "10");
            var survey = Path.Combine(Repo.Root, "tests", "TwoWay.Panels.Tests", "Reference", "survey-design.csv");
            Named("survey analyze", "survey", "analyze", survey, "--strata", "stratum", "--cluster", "psu", "--fpc", "fpc", "--covariates", "sector");

            Named("policy portfolio", "policy", "portfolio", Sample("policy", "catalogue.csv"));
            Named("policy coverage", "policy", "coverage", Sample("policy", "catalogue.csv"), "--study", study);
            Named("assess", "assess", "--answers", Sample("policy", "assessments", "firm-1.json"));
            Named("assess batch", "assess", "batch", Sample("policy", "assessments", "batch.csv"));
        }

        private void Run(params string[] args)
        {
            var r = CliRunner.Run(args);
            if (r.ExitCode != 0) throw new InvalidOperationException($"twoway {string.Join(' ', args)} → {r.ExitCode}: {r.Error}");
        }

        /// <summary>Runs a command whose first word names it.</summary>
        private JsonDocument Json(params string[] args) => Named(args[0], args);

        /// <summary>Runs <paramref name="args"/> with --json, keeping its keys under <paramref name="name"/>.</summary>
        private JsonDocument Named(string name, params string[] args)
        {
            var r = CliRunner.Run([.. args, "--json"]);
            if (r.ExitCode != 0) throw new InvalidOperationException($"twoway {string.Join(' ', args)} --json → {r.ExitCode}: {r.Error}");
            var doc = JsonDocument.Parse(r.Out);
            if (!KeysByCommand.TryGetValue(name, out var keys)) KeysByCommand[name] = keys = new HashSet<string>(StringComparer.Ordinal);
            Collect(doc.RootElement, keys);
            return doc;
        }

        /// <summary>Objects whose keys are data (firm ids, the firms' own attribute keys), not names of the contract.</summary>
        private static readonly HashSet<string> DataKeyed = ["attributes", "by_case"];

        private static void Collect(JsonElement e, HashSet<string> keys)
        {
            if (e.ValueKind == JsonValueKind.Object)
                foreach (var p in e.EnumerateObject())
                {
                    if (KeyName().IsMatch(p.Name)) keys.Add(p.Name);
                    if (!DataKeyed.Contains(p.Name)) Collect(p.Value, keys);
                }
            else if (e.ValueKind == JsonValueKind.Array)
                foreach (var x in e.EnumerateArray()) Collect(x, keys);
        }

        public void Dispose() => _dir.Dispose();
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex KeyName();
}

/// <summary>The repository's root (the folder holding TwoWay.sln).</summary>
internal static class Repo
{
    public static string Root
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "TwoWay.sln"))) return d.FullName;
            throw new InvalidOperationException("TwoWay.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
