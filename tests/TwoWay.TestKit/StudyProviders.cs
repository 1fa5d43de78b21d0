using Xunit;

namespace TwoWay.TestKit;

/// <summary>
/// The two database engines a study can live on, for tests that must hold on both:
/// <c>[Theory, MemberData(nameof(StudyProviders.Both), MemberType = typeof(StudyProviders))]</c>.
/// </summary>
public static class StudyProviders
{
    public const string Sqlite = "sqlite";
    public const string PostgreSql = "postgresql";

    public static TheoryData<string> Both => new() { Sqlite, PostgreSql };

    /// <summary>A location for a new study on <paramref name="provider"/>: a file in <paramref name="dir"/> or a new PostgreSQL database.</summary>
    public static string NewLocation(string provider, TempDir dir, string name = "study.twoway") => provider switch
    {
        Sqlite => dir.File(name),
        PostgreSql => PostgresCluster.Instance.NewDatabase(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };
}
