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
    };

    private string[] Args(string[] template, string target) => template
        .Select(a => a.Replace("{study}", _study).Replace("{target}", target).Replace("{catalogue}", Sample("policy", "catalogue.csv")))
        .ToArray();

    [Theory]
    [MemberData(nameof(Writers))]
    public void An_existing_file_is_replaced_only_with_force(string name, string[] template)
    {
        var ext = name.Contains("xlsx") ? ".xlsx" : name.Contains("qdpx") ? ".qdpx" : name.Contains("qdc") ? ".qdc" : name == "export" ? ".csv" : ".html";
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
