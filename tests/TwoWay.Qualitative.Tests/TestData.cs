using TwoWay.Domain;

namespace TwoWay.Qualitative.Tests;

internal static class TestData
{
    /// <summary>The repository root: the folder holding TwoWay.sln, found by walking up.</summary>
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>
    /// The REFI-QDA fixtures: real files written by other tools (Fixtures/refi-qda/SOURCES.md says
    /// where each comes from), copied into the test project so a clean clone tests against them.
    /// They are test data only, never product content. TWOWAY_FIXTURES points elsewhere if needed.
    /// </summary>
    public static string Fixtures { get; } = FindFixtures();

    public static string Fixture(string name) => Path.Combine(Fixtures, name);

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "TwoWay.sln"))) return d.FullName;
        throw new InvalidOperationException("TwoWay.sln not found above " + AppContext.BaseDirectory);
    }

    private static string FindFixtures()
    {
        if (Environment.GetEnvironmentVariable("TWOWAY_FIXTURES") is { Length: > 0 } env) return Path.Combine(env, "refi-qda");
        var inRepo = Path.Combine(RepoRoot, "tests", "TwoWay.Qualitative.Tests", "Fixtures", "refi-qda");
        return Directory.Exists(inRepo) ? inRepo : throw new InvalidOperationException("REFI-QDA fixtures not found at " + inRepo);
    }

    public static readonly Guid Inward = G(1), Licensing = G(2), Learning = G(3), Trust = G(4);
    public static readonly Guid S1 = G(101), S2 = G(102), S3 = G(103);

    public static Guid G(int n) => new($"00000000-0000-4000-8000-{n:D12}");

    /// <summary>A small two-case, two-round study coded by two coders, with CRLF and a non-BMP character.</summary>
    public static QualitativeProject Small()
    {
        var book = Codebook.Of([
            new Code(Inward, "Inward modes", "Operations that bring foreign resources in.", new CodeColour("#1F77B4"), isCodable: false),
            new Code(Licensing, "Licensing-in", "Licence taken from a foreign licensor.", null, true, Inward),
            new Code(Learning, "Learning", "Knowledge gained from foreign partners.", new CodeColour("#FF7F0E")),
            new Code(Trust, "Trust", null, null),
        ]);
        var t1 = "We licensed the design from a German firm.\r\nThat taught us how to export.";
        var t2 = "Our supplier in Italy became our first customer. 🇮🇹 Trust grew slowly.";
        var t3 = "In the second round we talked about the licence again.";
        var sources = new[]
        {
            new Source(S1, "RS-01 round 1", t1, new FirmId("RS-01"), new Respondent("managing director", "Ana"), 1, new DateOnly(2024, 3, 1), "en"),
            new Source(S2, "HR-02 round 1", t2, new FirmId("HR-02"), new Respondent("export manager", "Boris"), 1, null, "en"),
            new Source(S3, "RS-01 round 2", t3, new FirmId("RS-01"), null, 2),
        };
        int At(string text, string phrase) => text.IndexOf(phrase, StringComparison.Ordinal);
        Coding C(int id, Guid s, Guid code, string text, string phrase, string coder, string? memo = null)
        {
            var start = At(text, phrase);
            return new Coding(G(1000 + id), s, code, new TextSpan(start, start + phrase.Length), coder, memo);
        }
        var codings = new[]
        {
            C(1, S1, Licensing, t1, "We licensed the design from a German firm.", "alice", "clear licensing-in"),
            C(2, S1, Learning, t1, "That taught us how to export.", "alice"),
            C(3, S1, Licensing, t1, "licensed the design", "bob"),
            C(4, S1, Learning, t1, "a German firm.\r\nThat taught us", "bob"),
            C(5, S2, Trust, t2, "Trust grew slowly.", "alice"),
            C(6, S2, Learning, t2, "Our supplier in Italy became our first customer.", "alice"),
            C(7, S2, Trust, t2, "🇮🇹 Trust grew", "bob"),
            C(8, S3, Licensing, t3, "the licence again", "alice"),
        };
        return QualitativeProject.Create("Small study", sources, book, codings,
            [new Memo(G(5001), MemoTarget.Code, Learning.ToString("D"), "Learning shows up in both cases.", "alice"),
             new Memo(G(5002), MemoTarget.Case, "RS-01", "Inward-led path.", "bob"),
             new Memo(G(5003), MemoTarget.Project, "", "Fictional test data.")]);
    }
}
