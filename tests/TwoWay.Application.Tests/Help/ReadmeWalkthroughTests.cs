using TwoWay.TestKit;

namespace TwoWay.Application.Tests.Help;

/// <summary>
/// The README's three walkthroughs (issue 16) run as written, line by line, after the README's main
/// command, in a fresh folder: a new user can repeat them from the README alone. Lines marked
/// "(you)" need a person (the browser, the interactive questionnaire) and are only checked to exist.
/// </summary>
public sealed class ReadmeWalkthroughTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static IReadOnlyList<string> WalkthroughLines()
    {
        var readme = File.ReadAllText(Path.Combine(Contract.Repo.Root, "README.md"));
        var start = readme.IndexOf("## Three ways in", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no '## Three ways in' section");
        var end = readme.IndexOf("\n## ", start + 5, StringComparison.Ordinal);
        return readme[start..end].Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("twoway ", StringComparison.Ordinal)).ToList();
    }

    [Fact]
    public void Every_walkthrough_line_runs_as_written_in_a_fresh_folder()
    {
        var lines = WalkthroughLines();
        Assert.True(lines.Count >= 15, $"only {lines.Count} walkthrough lines");
        Assert.Contains(lines, l => l.StartsWith("twoway serve ", StringComparison.Ordinal) && l.Contains("(you)", StringComparison.Ordinal));
        var demo = CliRunner.Run("demo", "--out", _dir.File("demo"));
        Assert.True(demo.ExitCode == 0, demo.Error);
        foreach (var line in lines.Where(l => !l.Contains("(you)", StringComparison.Ordinal)))
        {
            var command = line.Split("  #")[0].Trim();
            var args = HelpExamplesTests.Split(command)[1..].Select(Local).ToArray();
            var r = CliRunner.Run(args);
            Assert.True(r.ExitCode == 0, $"{line}\n→ exit {r.ExitCode}: {r.Error}");
        }
        Assert.True(File.Exists(_dir.File("guide-round2.docx")));
        Assert.True(File.Exists(_dir.File("coverage.html")));
    }

    // A relative path of the walkthrough (demo/…, study.twoway, report.html …) is taken in the fresh folder.
    private string Local(string arg) =>
        !arg.StartsWith('-') && (arg.StartsWith("demo/", StringComparison.Ordinal)
            || new[] { ".twoway", ".csv", ".xlsx", ".html", ".docx", ".md", ".parquet", ".qdpx", ".json", ".sql" }.Any(x => arg.EndsWith(x, StringComparison.Ordinal)))
            ? _dir.File(arg)
            : arg;
}
