using System.Diagnostics;
using System.Globalization;
using TwoWay.Assessment;
using static TwoWay.Policy.Tests.Fixtures;

namespace TwoWay.Policy.Tests;

public class ReliabilityTests
{
    private static List<double[]> ReadCsv(string path) =>
        File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray()).ToList();

    public static TheoryData<string, int, int, double> RReference()
    {
        var data = new TheoryData<string, int, int, double>();
        foreach (var line in File.ReadAllLines(ReferenceFile("alpha_reference.csv")).Skip(1))
        {
            var c = line.Split(',');
            data.Add(c[0], int.Parse(c[1], CultureInfo.InvariantCulture), int.Parse(c[2], CultureInfo.InvariantCulture), double.Parse(c[3], CultureInfo.InvariantCulture));
        }
        return data;
    }

    /// <summary>Committed outputs of Reference/alpha.R (psych::alpha raw_alpha).</summary>
    [Theory]
    [MemberData(nameof(RReference))]
    public void Alpha_equals_psych_alpha_on_committed_reference_data(string name, int items, int cases, double expected)
    {
        var result = Reliability.CronbachAlpha(ReadCsv(ReferenceFile($"alpha_data_{name}.csv")));
        Assert.Equal(items, result.Items);
        Assert.Equal(cases, result.CompleteCases);
        Assert.Equal(expected, result.Alpha!.Value, 1e-12);
    }

    [Fact]
    public void Alpha_by_hand_on_a_tiny_example()
    {
        // Items x = (1,2,3), y = (1,3,2): var x = var y = 1, total (2,5,5) var 3; α = 2 · (1 − 2/3) = 2/3.
        var r = Reliability.CronbachAlpha([[1, 1], [2, 3], [3, 2]]);
        Assert.Equal(2.0 / 3, r.Alpha!.Value, 14);
    }

    [Fact]
    public void Incomplete_cases_are_dropped_and_degenerate_inputs_have_no_alpha()
    {
        var r = Reliability.CronbachAlpha([[1, 1], [2, 3], [double.NaN, 4], [3, 2]]);
        Assert.Equal(3, r.CompleteCases);
        Assert.Equal(2.0 / 3, r.Alpha!.Value, 14);
        Assert.Null(Reliability.CronbachAlpha([[1], [2], [3]]).Alpha); // one item
        Assert.Null(Reliability.CronbachAlpha([[3, 3], [3, 3]]).Alpha); // no variance
        Assert.Null(Reliability.CronbachAlpha([[1, 2]]).Alpha); // one case
    }

    [Fact]
    public void Quantiles_mean_and_sd_equal_R()
    {
        var values = new double?[] { 0, 12.5, 25, 25, 37.5, 50, 62.5, 87.5, 100, 41.66666666666667, null };
        var d = Distribution.Of(values);
        var lines = File.ReadAllLines(ReferenceFile("quantile_reference.csv")).Skip(1).Select(l => l.Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray()).ToList();
        Assert.Equal(10, d.N);
        Assert.Equal(lines[0][1], d.Q1!.Value, 1e-12);
        Assert.Equal(lines[1][1], d.Median!.Value, 1e-12);
        Assert.Equal(lines[2][1], d.Q3!.Value, 1e-12);
        Assert.Equal(lines[0][2], d.Mean!.Value, 1e-12);
        Assert.Equal(lines[0][3], d.Sd!.Value, 1e-12);
        // Low: 0, 12.5, 25, 25, 37.5; developing: 41.7, 50; ready: 62.5; strong: 87.5, 100.
        Assert.Equal([5, 2, 1, 2], d.Bands.Select(b => b.Firms));
    }

    /// <summary>
    /// Live differential test: seeded random responses, alpha here and from R's psych::alpha via
    /// Rscript (CI installs R with psych; test.sh does too). Agreement to 1e-9.
    /// </summary>
    [Trait("Category", "R")]
    [Theory]
    [InlineData(11, 30, 2)]
    [InlineData(12, 120, 4)]
    [InlineData(13, 400, 7)]
    public void Alpha_equals_psych_alpha_live(int seed, int n, int k)
    {
        var rng = new Random(seed);
        var rows = new List<double[]>();
        for (var i = 0; i < n; i++)
        {
            var latent = rng.NextDouble() * 4 - 2;
            rows.Add(Enumerable.Range(0, k).Select(_ => (double)Math.Clamp((int)Math.Round(3 + latent + (rng.NextDouble() * 2 - 1) * 1.5), 1, 5)).ToArray());
        }
        using var dir = new TempDir();
        var csv = dir.File("responses.csv");
        File.WriteAllLines(csv, new[] { string.Join(",", Enumerable.Range(1, k).Select(j => $"i{j}")) }
            .Concat(rows.Select(r => string.Join(",", r.Select(v => v.ToString(CultureInfo.InvariantCulture))))));
        var script = $"suppressPackageStartupMessages(library(psych)); x <- read.csv('{csv}'); cat(sprintf('%.17g', psych::alpha(x, check.keys = FALSE, warnings = FALSE)$total$raw_alpha))";
        var psi = new ProcessStartInfo("Rscript", ["-e", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Rscript did not start; install R with psych (test.sh does).");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "Rscript failed: " + error);
        var expected = double.Parse(output.Trim(), CultureInfo.InvariantCulture);
        Assert.Equal(expected, Reliability.CronbachAlpha(rows).Alpha!.Value, 1e-9);
    }
}
