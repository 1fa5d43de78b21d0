using TwoWay.TestKit;

namespace TwoWay.Application.Tests.Security;

/// <summary>A damaged or foreign study file ends in exit 1 with what to do, never an abort or exit 70.</summary>
public sealed class BrokenStudyTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string RealStudy()
    {
        var path = _dir.File($"s-{Guid.NewGuid():N}.twoway");
        Assert.Equal(0, CliRunner.Run("init", path).ExitCode);
        var firms = Path.Combine(Contract.Repo.Root, "samples", "demo-study", "firms.csv");
        var ops = Path.Combine(Contract.Repo.Root, "samples", "demo-study", "operations.csv");
        Assert.Equal(0, CliRunner.Run("import", path, firms, ops).ExitCode);
        return path;
    }

    [Fact]
    public void A_truncated_study_is_bad_input()
    {
        var path = RealStudy();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);
        foreach (var command in new[] { "firms", "analyze", "memos" })
        {
            var r = command == "memos" ? CliRunner.Run("memos", "add", path, "x") : CliRunner.Run(command, path);
            Assert.True(r.ExitCode == 1, $"{command}: {r.ExitCode} {r.Error}");
            Assert.DoesNotContain("   at ", r.Error);
        }
    }

    [Fact]
    public void A_study_with_scrambled_pages_is_bad_input()
    {
        var path = RealStudy();
        var bytes = File.ReadAllBytes(path);
        var rng = new Random(7);
        for (var i = 100; i < bytes.Length; i += 97) bytes[i] = (byte)rng.Next(256);
        File.WriteAllBytes(path, bytes);
        var r = CliRunner.Run("analyze", path, "--json");
        Assert.True(r.ExitCode == 1, $"{r.ExitCode} {r.Error}");
        Assert.DoesNotContain("   at ", r.Error);
    }

    [Fact]
    public void Something_else_named_like_a_study_is_bad_input()
    {
        var path = _dir.File("notes.twoway");
        File.WriteAllText(path, "just some notes");
        var r = CliRunner.Run("firms", path);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("not a TwoWay study", r.Error);
    }

    [Fact]
    public void A_path_holding_Host_equals_is_a_file_when_it_exists()
    {
        var path = _dir.File("Host=db;Database=x.twoway");
        Assert.Equal(0, CliRunner.Run("init", _dir.File("real.twoway")).ExitCode);
        File.Copy(_dir.File("real.twoway"), path);
        var r = CliRunner.Run("firms", path, "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("\"firms\"", r.Out);
    }
}
