using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TwoWay.Storage;

/// <summary>Which database engine holds a study.</summary>
public enum StudyProvider
{
    /// <summary>One local file (the default, e.g. <c>study.twoway</c>).</summary>
    Sqlite,
    /// <summary>A PostgreSQL server, for teams.</summary>
    PostgreSql,
}

/// <summary>
/// Where a study lives, parsed from what the user typed: a connection string with <c>Host=</c>
/// means PostgreSQL; anything else is a SQLite file path (or a <c>Data Source=</c> string).
/// </summary>
public sealed record StudyLocation
{
    private StudyLocation(StudyProvider provider, string connectionString, string? filePath, string display)
    {
        Provider = provider;
        ConnectionString = connectionString;
        FilePath = filePath;
        Display = display;
    }

    public StudyProvider Provider { get; }
    public string ConnectionString { get; }

    /// <summary>The SQLite file (full path); null for PostgreSQL.</summary>
    public string? FilePath { get; }

    /// <summary>How to name the study in messages (never shows a password).</summary>
    public string Display { get; }

    public static StudyLocation Parse(string location)
    {
        if (string.IsNullOrWhiteSpace(location)) throw new ArgumentException("A study location is required.", nameof(location));
        var text = location.Trim();
        if (text.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            var b = new Npgsql.NpgsqlConnectionStringBuilder(text);
            return new StudyLocation(StudyProvider.PostgreSql, text, null, $"postgresql://{b.Host}/{b.Database}");
        }
        string path;
        if (text.Contains("Data Source=", StringComparison.OrdinalIgnoreCase))
            path = new SqliteConnectionStringBuilder(text).DataSource;
        else
            path = text;
        var full = Path.GetFullPath(path);
        // No pooling: a CLI run opens the file once, and pooled handles would keep the file busy
        // after the study is disposed (backups, deletes, tests).
        var cs = new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString();
        return new StudyLocation(StudyProvider.Sqlite, cs, full, path);
    }

    internal DbContextOptions<StudyDbContext> Options()
    {
        var b = new DbContextOptionsBuilder<StudyDbContext>();
        if (Provider == StudyProvider.Sqlite)
            b.UseSqlite(ConnectionString);
        else
            // The migrations are written provider-neutral but their snapshot was generated with
            // SQLite types; on PostgreSQL that difference is expected, not a forgotten migration.
            b.UseNpgsql(ConnectionString)
             .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        b.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
        return b.Options;
    }

    public override string ToString() => Display;
}
