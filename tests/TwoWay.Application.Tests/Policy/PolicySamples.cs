using TwoWay.TestKit;

namespace TwoWay.Application.Tests.Policy;

/// <summary>The repository's sample files (found from the test's folder upwards) and a small study built from them.</summary>
internal static class PolicySamples
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "samples", "policy"))) return dir.FullName;
        throw new InvalidOperationException("samples/policy not found above " + AppContext.BaseDirectory);
    });

    public static string SampleFile(params string[] parts) => Path.Combine([Root.Value, "samples", "policy", .. parts]);

    public static string StudySample(params string[] parts) => Path.Combine([Root.Value, "samples", "demo-study", .. parts]);

    /// <summary>A study holding the fictional demo firms and operations (no interviews), made through the CLI as a user would.</summary>
    public static string NewStudy(TempDir dir) => SmallStudy.Create(dir, "s.twoway");

    /// <summary>Asserts that <paramref name="value"/> serialises to the JSON the command printed before the move (Reference/README.md).</summary>
    public static void SameAsBefore<T>(string reference, T value)
    {
        var path = Path.Combine(Root.Value, "tests", "TwoWay.Application.Tests", "Policy", "Reference", reference);
        // After a deliberate change of a result (reviewed in the diff), TWOWAY_UPDATE_REFERENCES=1 rewrites the file.
        if (Environment.GetEnvironmentVariable("TWOWAY_UPDATE_REFERENCES") == "1") File.WriteAllText(path, Json(value).ReplaceLineEndings("\n"));
        var expected = File.ReadAllText(path);
        Assert.Equal(expected.ReplaceLineEndings("\n"), Json(value).ReplaceLineEndings("\n"));
    }

    /// <summary>What `twoway … --json` prints for <paramref name="value"/>.</summary>
    public static string Json<T>(T value) => PublicJson.Serialize(value) + Environment.NewLine;
}
