using TwoWay.Storage;
using TwoWay.TestKit;

namespace TwoWay.Application.Tests.Security;

/// <summary>
/// No command writes over an existing file without --force, and none ever writes over the study or
/// one of its own inputs (issue 10): the refused run exits 1 and leaves the file byte for byte.
/// </summary>
public sealed class OutputOverwriteTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _study;

    public OutputOverwriteTests()
    {
        _study = _dir.File("s.twoway");
        Ok("init", _study);
        Ok("import", _study, Sample("demo-study", "firms.csv"), Sample("demo-study", "operations.csv"));
        File.WriteAllText(_dir.File("t.txt"), "We imported machines from Germany and then exported.");
        Ok("sources", "add", _study, _dir.File("t.txt"));
        Ok("codes", "add", _study, "Learning");
        Ok("code", _study, "t", "Learning", "--phrase", "imported machines", "--coder", "alice");
    }

    public void Dispose() => _dir.Dispose();

    private static string Sample(params string[] p) => Path.Combine([Contract.Repo.Root, "samples", .. p]);

    private static void Ok(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 0, $"{string.Join(' ', args)}: {r.Error}");
    }

    public static TheoryData<string, string[]> Writers => new()
    {
        { "report", ["report", "{study}", "--out", "{target}"] },
        { "qdpx export", ["qdpx", "export", "{study}", "{target}"] },
        { "qdc export", ["qdc", "export", "{study}", "{target}"] },
        { "quotes --html", ["quotes", "{study}", "Learning", "--html", "{target}"] },
        { "quotes --xlsx", ["quotes", "{study}", "Learning", "--xlsx", "{target}"] },
        { "export", ["export", "{study}", "{target}", "--kind", "operations"] },
        { "policy portfolio --html", ["policy", "portfolio", "{catalogue}", "--html", "{target}"] },
        { "policy coverage --html", ["policy", "coverage", "{catalogue}", "--study", "{study}", "--html", "{target}"] },
        { "panel analyze --out", ["panel", "analyze", "{panel}", "--out", "{target}"] },
        { "panel analyze --spells-out", ["panel", "analyze", "{panel}", "--spells-out", "{target}"] },
        { "panel simulate", ["panel", "simulate", "{target}", "--firms", "60", "--years", "3"] },
        { "survey analyze --out", ["survey", "analyze", "{survey}", "--out", "{target}"] },
        { "assess --html", ["assess", "--answers", "{answers}", "--html", "{target}"] },
        { "assess batch --html", ["assess", "batch", "{batch}", "--html", "{target}"] },
        { "assess batch --out", ["assess", "batch", "{batch}", "--out", "{target}"] },
    };

    /// <summary>A small firm-year panel written by hand (three firms, three years).</summary>
    private string Panel()
    {
        var path = _dir.File("panel.csv");
        if (!File.Exists(path))
            File.WriteAllText(path, "firm_id,year,import_value,export_value\nA,2001,0,0\nA,2002,5,0\nA,2003,5,3\nB,2001,0,0\nB,2002,0,0\nB,2003,0,4\nC,2001,2,0\nC,2002,2,0\nC,2003,0,0\n");
        return path;
    }

    private string[] Args(string[] template, string target) => template
        .Select(a => a.Replace("{study}", _study).Replace("{target}", target).Replace("{catalogue}", Sample("policy", "catalogue.csv"))
            .Replace("{panel}", a == "{panel}" ? Panel() : "{panel}")
            .Replace("{survey}", Path.Combine(Contract.Repo.Root, "tests", "TwoWay.Panels.Tests", "Reference", "survey.csv"))
            .Replace("{answers}", Sample("policy", "assessments", "firm-1.json")).Replace("{batch}", Sample("policy", "assessments", "batch.csv")))
        .ToArray();

    [Theory]
    [MemberData(nameof(Writers))]
    public void An_existing_file_is_replaced_only_with_force(string name, string[] template)
    {
        var ext = name.Contains("xlsx") ? ".xlsx" : name.Contains("qdpx") ? ".qdpx" : name.Contains("qdc") ? ".qdc"
            : name is "export" or "panel simulate" or "panel analyze --spells-out" or "assess batch --out" ? ".csv" : ".html";
        var target = _dir.File("out" + ext);
        File.WriteAllText(target, "precious");
        var refused = CliRunner.Run(Args(template, target));
        Assert.True(refused.ExitCode == 1, $"{name}: {refused.ExitCode} {refused.Error}");
        Assert.Contains("--force", refused.Error);
        Assert.Equal("precious", File.ReadAllText(target));

        var forced = CliRunner.Run([.. Args(template, target), "--force"]);
        Assert.True(forced.ExitCode == 0, $"{name} --force: {forced.Error}");
        Assert.NotEqual("precious", File.ReadAllText(target));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp*"));
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void The_study_is_never_written_over_even_with_force(string name, string[] template)
    {
        var before = File.ReadAllBytes(_study);
        var r = CliRunner.Run([.. Args(template, _study), "--force"]);
        Assert.True(r.ExitCode is 1 or 2, $"{name}: {r.ExitCode} {r.Error}");
        Assert.Equal(before, File.ReadAllBytes(_study));
        using var study = Study.Open(_study);
        Assert.NotEmpty(study.LoadFirms());
    }

    [Fact]
    public void A_panel_report_never_replaces_the_panel_and_a_simulated_folder_is_never_merged_into()
    {
        var panel = Panel();
        var before = File.ReadAllText(panel);
        foreach (var option in new[] { "--out", "--spells-out" })
        {
            var r = CliRunner.Run("panel", "analyze", panel, option, panel, "--force");
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("the panel file", r.Error);
        }
        Assert.Equal(before, File.ReadAllText(panel));

        var folder = Directory.CreateDirectory(_dir.File("partitioned")).FullName;
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "mine");
        var refused = CliRunner.Run("panel", "simulate", folder, "--firms", "30", "--years", "3", "--force");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("not empty", refused.Error);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
        var fresh = _dir.File("fresh");
        Assert.Equal(0, CliRunner.Run("panel", "simulate", fresh, "--firms", "30", "--years", "3").ExitCode);
        Assert.NotEmpty(Directory.GetFiles(fresh, "*.parquet", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetDirectories(_dir.Path, "*.tmp-*"));
    }

    [Fact]
    public void An_assessment_page_never_replaces_its_answers_file()
    {
        var answers = _dir.File("answers.json");
        File.Copy(Sample("policy", "assessments", "firm-1.json"), answers);
        var before = File.ReadAllText(answers);
        var r = CliRunner.Run("assess", "--answers", answers, "--html", answers, "--force");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("the answers file", r.Error);
        Assert.Equal(before, File.ReadAllText(answers));
    }

    [Fact]
    public void A_memory_limit_duckdb_cannot_read_is_bad_input_named_by_its_option()
    {
        var r = CliRunner.Run("panel", "analyze", Panel(), "--memory-limit", "1XB");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("--memory-limit", r.Error);
        Assert.Contains("1XB", r.Error);
        Assert.DoesNotContain("   at ", r.Error);
    }

    [Fact]
    public void A_policy_page_never_replaces_its_catalogue()
    {
        var catalogue = _dir.File("catalogue.csv");
        File.Copy(Sample("policy", "catalogue.csv"), catalogue);
        var before = File.ReadAllText(catalogue);
        var r = CliRunner.Run("policy", "portfolio", catalogue, "--html", catalogue, "--force");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("catalogue", r.Error);
        Assert.Equal(before, File.ReadAllText(catalogue));
    }
}
