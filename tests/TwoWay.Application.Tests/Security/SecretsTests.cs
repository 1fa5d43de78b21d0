using Npgsql;
using TwoWay.TestKit;

namespace TwoWay.Application.Tests.Security;

/// <summary>
/// A PostgreSQL study is named by a connection string that carries a password. Every command run
/// against it, successful or refused, and every file it writes, must name the study without it.
/// </summary>
[Trait("Category", "PostgreSQL")]
public sealed class SecretsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Sample(params string[] parts) =>
        Path.Combine([RepoRoot(), "samples", .. parts]);

    private static string RepoRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "TwoWay.sln"))) d = d.Parent;
        return d?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public void No_output_and_no_written_file_of_any_command_contains_the_password()
    {
        var study = PostgresCluster.Instance.NewDatabase("secrets");
        var url = new NpgsqlConnectionStringBuilder(study);
        var asUrl = $"postgresql://{url.Username}:{PostgresCluster.Password}@{url.Host}:{url.Port}/{url.Database}";
        var wrong = new NpgsqlConnectionStringBuilder(study) { Password = PostgresCluster.Password + "-wrong" }.ConnectionString;
        var runs = new List<(string[] Args, CliRunner.Result Result)>();
        void Run(params string[] args) => runs.Add((args, CliRunner.Run(args)));

        Run("init", study);
        Run("init", study); // refused: already a study
        Run("import", study, Sample("demo-study", "firms.csv"), Sample("demo-study", "operations.csv"));
        Run("import", study, Sample("demo-study", "firms.csv"), "--json"); // refused: ids stored
        Run("firms", study);
        Run("firms", asUrl, "--json");
        Run("analyze", study);
        Run("analyze", study, "--json");
        Run("analyze", study, "--firm", "XX-99");
        Run("report", study, "--out", _dir.File("report.html"));
        Run("report", asUrl, "--out", _dir.File("report2.html"), "--json");
        Run("sources", "add", study, Sample("demo-study", "interviews", "RS-01-r1.txt"), "--case", "RS-01", "--round", "1");
        Run("sources", "list", study, "--json");
        Run("codes", "starter", study);
        Run("codes", "list", study, "--json");
        Run("memos", "add", study, "a memo");
        Run("memos", "list", study, "--json");
        Run("matrix", study, "--json");
        Run("search", study, "export", "--json");
        Run("evidence", study, "--json");
        Run("export", study, _dir.File("operations.csv"), "--kind", "operations");
        Run("qdpx", "export", study, _dir.File("study.qdpx"));
        Run("policy", "coverage", Sample("policy", "catalogue.csv"), "--study", study);
        Run("policy", "coverage", Sample("policy", "catalogue.csv"), "--study", study, "--json", "--html", _dir.File("coverage.html"));
        Run("migrate", study);
        Run("migrate", study, "--json");
        Run("firms", wrong);
        Run("analyze", wrong, "--json");
        Run("firms", "Host=127.0.0.1;Port=1;Timeout=2;Username=postgres;Password=" + PostgresCluster.Password + ";Database=x");
        Run("firms", "Host=127.0.0.1;Password=" + PostgresCluster.Password + ";Port=notanumber");

        Assert.Contains(runs, r => r.Result.ExitCode == 0);
        Assert.Contains(runs, r => r.Result.ExitCode == 1);
        foreach (var (args, result) in runs)
        {
            Assert.True(result.ExitCode is 0 or 1, $"twoway {string.Join(' ', args.Select(Mask))} exited {result.ExitCode}: {Mask(result.Error)}");
            Assert.False(result.Out.Contains(PostgresCluster.Password, StringComparison.Ordinal), $"stdout of {string.Join(' ', args.Take(2))} shows the password");
            Assert.False(result.Error.Contains(PostgresCluster.Password, StringComparison.Ordinal), $"stderr of {string.Join(' ', args.Take(2))} shows the password: {Mask(result.Error)}");
        }
        var written = Directory.GetFiles(_dir.Path, "*", SearchOption.AllDirectories);
        Assert.NotEmpty(written);
        foreach (var file in written)
        {
            var bytes = File.ReadAllBytes(file);
            var text = file.EndsWith(".qdpx", StringComparison.Ordinal) ? ZipText(file) : System.Text.Encoding.UTF8.GetString(bytes);
            Assert.False(text.Contains(PostgresCluster.Password, StringComparison.Ordinal), $"{Path.GetFileName(file)} contains the password");
        }
    }

    private static string Mask(string s) => s.Replace(PostgresCluster.Password, "***", StringComparison.Ordinal);

    private static string ZipText(string path)
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(path);
        return string.Concat(zip.Entries.Select(e => { using var r = new StreamReader(e.Open()); return r.ReadToEnd(); }));
    }
}
