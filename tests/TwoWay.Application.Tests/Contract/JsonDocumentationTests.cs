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
            if (after.Length > 0 && after[0] is ':' or ',' or '}' or ']' or '(') yield return m.Groups[1].Value;
        }
    }

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
            Json("sources add", "sources", "add", study, transcript, "--case", "RS-01", "--round", "1", "--role", "CEO", "--pseudonym", "Ana");
            Json("sources add", "sources", "add", study, second, "--case", "RS-01", "--round", "2", "--name", "second");
            Json("codes starter", "codes", "starter", study);
            Json("codes add", "codes", "add", study, "Mine");
            Json("codes add", "codes", "add", study, "Mine/Learning");
            Json("codes rename", "codes", "rename", study, "Mine/Learning", "Learning by importing");
            Json("codes add", "codes", "add", study, "Other");
            Json("codes move", "codes", "move", study, "Other", "--to", "Mine");
            var code = Json("code", "code", study, "t1", "Mine/Learning by importing", "--phrase", "imported machines from Kessler", "--coder", "alice");
            Json("code", "code", study, "t1", "Mine/Learning by importing", "--phrase", "machines from Kessler in Germany", "--coder", "bob");
            Json("code", "code", study, "t1", "Mine/Other", "--phrase", "Kessler became our first customer", "--coder", "alice");
            Json("codes merge", "codes", "merge", study, "Mine/Other", "Mine/Learning by importing");
            Json("codes list", "codes", "list", study);
            Json("memos add", "memos", "add", study, "A memo", "--code", "Mine");
            Json("memos list", "memos", "list", study);
            Json("quotes", "quotes", study, "Mine/Learning by importing");
            Json("matrix", "matrix", study, "--quotes");
            Json("cooccurrence", "cooccurrence", study);
            Json("agreement", "agreement", study, "alice", "bob");
            Json("search", "search", study, "kessler");
            var codingId = code.RootElement.GetProperty("coding_id").GetString()!;
            Json("evidence", "evidence", study, codingId, "--operation", "RS-01/1");
            Json("qdpx export", "qdpx", "export", study, _dir.File("s.qdpx"));
            Json("qdc export", "qdc", "export", study, _dir.File("s.qdc"));
            var other = _dir.File("o.twoway");
            Run("init", other);
            Json("qdpx import", "qdpx", "import", other, _dir.File("s.qdpx"));
            Json("qdc import", "qdc", "import", other, _dir.File("s.qdc"));
            Json("sources remove", "sources", "remove", other, "second", "--force");
            Json("migrate", "migrate", study);

            Run("panel", "simulate", _dir.File("p.parquet"), "--firms", "400", "--years", "8", "--seed", "3");
            Json("panel analyze", "panel", "analyze", _dir.File("p.parquet"));
            var survey = Path.Combine(Repo.Root, "tests", "TwoWay.Panels.Tests", "Reference", "survey-design.csv");
            Json("survey analyze", "survey", "analyze", survey, "--strata", "stratum", "--cluster", "psu", "--fpc", "fpc", "--covariates", "sector");

            Json("policy portfolio", "policy", "portfolio", Sample("policy", "catalogue.csv"));
            Json("policy coverage", "policy", "coverage", Sample("policy", "catalogue.csv"), "--study", study);
            Json("assess", "assess", "--answers", Sample("policy", "assessments", "firm-1.json"));
            Json("assess batch", "assess", "batch", Sample("policy", "assessments", "batch.csv"));
            Json("demo", "demo", "--out", _dir.File("demo"));
        }

        private void Run(params string[] args)
        {
            var r = CliRunner.Run(args);
            if (r.ExitCode != 0) throw new InvalidOperationException($"twoway {string.Join(' ', args)} → {r.ExitCode}: {r.Error}");
        }

        private JsonDocument Json(params string[] args) => Json(args[0], args);

        private JsonDocument Json(string name, params string[] args)
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
