namespace TwoWay.TestKit;

/// <summary>
/// A small case study built in a second: the fictional sample firms and operations of
/// samples/demo-study imported into a new SQLite study, without the demo's interviews, panel
/// simulation and reports. For tests that need "a study with firms", not the demo itself.
/// </summary>
public static class SmallStudy
{
    /// <summary>The sample firms file (11 fictional firms) shipped with the test kit.</summary>
    public static string FirmsCsv => Sample("firms.csv");

    /// <summary>The sample operations file (64 fictional operations of those firms).</summary>
    public static string OperationsCsv => Sample("operations.csv");

    /// <summary>Creates <paramref name="name"/> in <paramref name="dir"/> with the sample firms and operations; returns its path.</summary>
    public static string Create(TempDir dir, string name = "cases.twoway")
    {
        var study = dir.File(name);
        Expect(CliRunner.Run("init", study));
        Expect(CliRunner.Run("import", study, FirmsCsv, OperationsCsv));
        return study;
    }

    private static string Sample(string file) => Path.Combine(AppContext.BaseDirectory, "samples", "demo-study", file);

    private static void Expect(CliRunner.Result r)
    {
        if (r.ExitCode != 0)
            throw new InvalidOperationException($"building the small study failed (exit {r.ExitCode}): {r.Error}");
    }
}
