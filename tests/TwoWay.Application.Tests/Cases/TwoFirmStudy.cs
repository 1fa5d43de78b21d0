using TwoWay.Domain;
using TwoWay.Storage;
using TwoWay.TestKit;

namespace TwoWay.Application.Tests.Cases;

/// <summary>
/// A two-firm study whose firms' data end in different years: Alpha's latest year is 2003,
/// Beta's 2010, so a per-firm as-of default and the study's differ for Alpha.
/// </summary>
public sealed class TwoFirmStudy : IDisposable
{
    public TempDir Dir { get; } = new();
    public string Location { get; }

    public TwoFirmStudy()
    {
        Location = Dir.File("small.twoway");
        using var study = Study.Create(Location);
        var a = new Firm(new FirmId("AA-1"), "Alpha Valves", CountryCode.Parse("RS"), foundingYear: 1995);
        var b = new Firm(new FirmId("BB-2"), "Beta Bakery", CountryCode.Parse("PL"), foundingYear: 2001);
        Operation Op(Firm f, string id, Direction d, Mode m, string c, int start, int? end = null, string? partner = null) =>
            new(new OperationId(id), f.Id, d, m, CountryCode.Parse(c), new YearMonth(start), end is { } e ? new YearMonth(e) : null, partner: partner);
        study.Save([a, b], [
            Op(a, "AA-1/1", Direction.Inward, Mode.GoodsTrade, "DE", 1996, partner: "Kessler GmbH"),
            Op(a, "AA-1/2", Direction.Outward, Mode.GoodsTrade, "DE", 2003, partner: "Kessler GmbH"),
            Op(b, "BB-2/1", Direction.Outward, Mode.GoodsTrade, "CZ", 2004, end: 2010),
        ]);
    }

    public void Dispose() => Dir.Dispose();

    /// <summary>Every case as stored.</summary>
    public IReadOnlyList<FirmCase> LoadAll()
    {
        using var study = Study.Open(Location);
        return study.LoadCases();
    }

    /// <summary>The repository's root (holds TwoWay.sln), for sample files and sources.</summary>
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "TwoWay.sln"))) return dir.FullName;
            throw new InvalidOperationException("TwoWay.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
