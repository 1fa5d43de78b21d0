using System.Text.Json;

namespace TwoWay.Statistics.Tests;

/// <summary>Reads the committed R outputs (Reference/reference.json) and the data files R exported.</summary>
public static class ReferenceData
{
    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(PathOf("reference.json"))).RootElement);

    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Reference", file);

    public static double[] Values(string fit, string key) =>
        Root.Value.GetProperty(fit).GetProperty(key).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static string[] Strings(string fit, string key) =>
        Root.Value.GetProperty(fit).GetProperty(key).EnumerateArray().Select(e => e.GetString()!).ToArray();

    /// <summary>A CSV written by R's write.csv: header, quoted strings, empty = missing (NaN).</summary>
    public static Dictionary<string, string[]> Csv(string file)
    {
        var lines = File.ReadAllLines(PathOf(file));
        var header = lines[0].Split(',').Select(h => h.Trim('"')).ToArray();
        var columns = header.ToDictionary(h => h, _ => new string[lines.Length - 1]);
        for (var r = 1; r < lines.Length; r++)
        {
            var cells = lines[r].Split(',');
            for (var c = 0; c < header.Length; c++) columns[header[c]][r - 1] = cells[c].Trim('"');
        }
        return columns;
    }

    public static double[] Numbers(this Dictionary<string, string[]> csv, string column) =>
        csv[column].Select(s => s.Length == 0 || s == "NA" ? double.NaN : double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    public static double[,] Matrix(params double[][] columns)
    {
        var m = new double[columns[0].Length, columns.Length];
        for (var i = 0; i < columns[0].Length; i++)
            for (var j = 0; j < columns.Length; j++) m[i, j] = columns[j][i];
        return m;
    }

    public static void Close(double expected, double actual, double relative = 1e-6, string what = "")
    {
        var tol = relative * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tol, $"{what}: expected {expected:R}, got {actual:R} (tolerance {tol:G3})");
    }

    public static void Close(double[] expected, IReadOnlyList<double> actual, double relative = 1e-6, string what = "")
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++) Close(expected[i], actual[i], relative, $"{what}[{i}]");
    }
}
