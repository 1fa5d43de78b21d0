using System.Diagnostics;
using TwoWay.Storage;
using TwoWay.Storage.Qualitative;
using TwoWay.TestKit;

namespace TwoWay.Application.Tests.Concurrency;

/// <summary>
/// The data-loss bug of issue 9, as a user met it: several `twoway` processes writing one study at
/// the same moment. Real processes (the built twoway.dll), a real SQLite file and a real PostgreSQL server.
/// </summary>
public abstract class ConcurrentProcessesTests : IDisposable
{
    protected readonly TempDir Dir = new();

    protected abstract string NewStudyLocation();

    public void Dispose() => Dir.Dispose();

    [Fact]
    public async Task Eight_memos_add_and_six_code_processes_at_once_keep_all_fourteen_writes()
    {
        var study = NewStudyLocation();
        var transcript = Dir.File("interview.txt");
        await File.WriteAllTextAsync(transcript, string.Concat(Enumerable.Range(0, 6).Select(i => $"Passage {i}: importing taught us to export. ")));
        foreach (var setup in new[] { new[] { "init", study }, ["sources", "add", study, transcript, "--name", "interview"], ["codes", "add", study, "Learning"] })
        {
            var r = CliRunner.Run(setup);
            Assert.True(r.ExitCode == 0, $"{setup[0]}: {r.Error}");
        }

        var runs = Enumerable.Range(0, 8).Select(i => Twoway("memos", "add", study, $"memo number {i}", "--author", "alice"))
            .Concat(Enumerable.Range(0, 6).Select(i => Twoway("code", study, "interview", "Learning", "--phrase", $"Passage {i}", "--coder", $"coder{i}")))
            .ToList();
        var results = await Task.WhenAll(runs);
        foreach (var (code, output) in results) Assert.True(code == 0, output);

        using var opened = Study.Open(study);
        var project = await QualitativeStore.LoadAsync(opened);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"memo number {i}").Order(), project.Memos.Select(m => m.Text).Order());
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"coder{i}").Order(), project.Codings.Select(c => c.Coder).Order());
    }

    /// <summary>Runs the built `twoway` in its own process; returns its exit code and everything it printed.</summary>
    private static async Task<(int, string)> Twoway(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "twoway.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, $"twoway {string.Join(' ', args)} → {p.ExitCode}\n{await stdout}\n{await stderr}");
    }
}

public sealed class ConcurrentProcessesOnSqlite : ConcurrentProcessesTests
{
    protected override string NewStudyLocation() => Dir.File("study.twoway");
}

[Trait("Category", "PostgreSQL")]
public sealed class ConcurrentProcessesOnPostgreSql : ConcurrentProcessesTests
{
    protected override string NewStudyLocation() => PostgresCluster.Instance.NewDatabase();
}
