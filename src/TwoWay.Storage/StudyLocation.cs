using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using TwoWay.Input;

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
/// Where a study lives, parsed from what the user typed. The rule (docs/security.md): an existing
/// file or folder is always that path; otherwise a <c>postgres://</c> / <c>postgresql://</c> URL or a
/// connection string with <c>Host=</c> means PostgreSQL; anything else is a SQLite file path (or a
/// <c>Data Source=</c> string). <see cref="ForPostgreSql"/> is the explicit choice (<c>--database</c>).
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

    /// <summary>The full connection string, secrets included: give it only to the database driver.</summary>
    public string ConnectionString { get; }

    /// <summary>The SQLite file (full path); null for PostgreSQL.</summary>
    public string? FilePath { get; }

    /// <summary>
    /// How to name the study in titles, JSON, logs and messages: the file path as typed, or
    /// <c>postgresql://user@host:port/database</c>. Never shows a password or any other secret.
    /// </summary>
    public string Display { get; }

    /// <summary>A short name for titles: the file name without extension, or the database's name.</summary>
    public string ShortName => FilePath is { } f
        ? Path.GetFileNameWithoutExtension(f)
        : new NpgsqlConnectionStringBuilder(ConnectionString).Database ?? "study";

    /// <summary>Reads what the user typed where a study is expected.</summary>
    /// <exception cref="InputException">A PostgreSQL location that cannot be read (the message never repeats a secret).</exception>
    public static StudyLocation Parse(string location)
    {
        if (string.IsNullOrWhiteSpace(location)) throw new InputException("study", null, null, "a study location is required");
        var text = location.Trim();
        if (File.Exists(text) || Directory.Exists(text)) return Sqlite(text);
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return FromUrl(text);
        if (text.Contains("Host=", StringComparison.OrdinalIgnoreCase)) return ForPostgreSql(text);
        if (text.Contains("Data Source=", StringComparison.OrdinalIgnoreCase))
        {
            try { return Sqlite(new SqliteConnectionStringBuilder(text).DataSource); }
            catch (ArgumentException) { throw new InputException("study", null, null, "the SQLite connection string cannot be read; give the study file's path instead"); }
        }
        return Sqlite(text);
    }

    /// <summary>A PostgreSQL study from a connection string (<c>Host=…;Database=…</c>) or a postgres:// URL.</summary>
    /// <exception cref="InputException">The text is not a readable connection string.</exception>
    public static StudyLocation ForPostgreSql(string connection)
    {
        var text = connection.Trim();
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return FromUrl(text);
        NpgsqlConnectionStringBuilder b;
        try { b = new NpgsqlConnectionStringBuilder(text); }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            // The driver's message may quote the offending value (a password): say only what to fix.
            throw new InputException("database", null, null,
                "the PostgreSQL connection string cannot be read; write it as Host=…;Port=…;Database=…;Username=…;Password=… (or postgresql://user@host/database)");
        }
        return PostgreSql(b);
    }

    private static StudyLocation FromUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new InputException("database", null, null, "the PostgreSQL URL cannot be read; write it as postgresql://user:password@host:port/database");
        var b = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (uri.Port > 0) b.Port = uri.Port;
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0) b.Database = database;
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2) b.Password = Uri.UnescapeDataString(parts[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            try { b[Uri.UnescapeDataString(kv[0])] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : ""; }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                throw new InputException("database", null, null, $"the PostgreSQL URL has an option that cannot be used: '{Uri.UnescapeDataString(kv[0])}'");
            }
        }
        return PostgreSql(b);
    }

    private static StudyLocation PostgreSql(NpgsqlConnectionStringBuilder b)
    {
        if (string.IsNullOrWhiteSpace(b.Host))
            throw new InputException("database", null, null, "the PostgreSQL connection string names no Host");
        var user = string.IsNullOrEmpty(b.Username) ? "" : b.Username + "@";
        var port = b.Port == NpgsqlConnection.DefaultPort ? "" : ":" + b.Port;
        return new StudyLocation(StudyProvider.PostgreSql, b.ConnectionString, null, $"postgresql://{user}{b.Host}{port}/{b.Database}");
    }

    private static StudyLocation Sqlite(string path)
    {
        string full;
        try { full = Path.GetFullPath(path); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new InputException(path, null, null, "this is not a usable file path");
        }
        // No pooling: a CLI run opens the file a few times, and pooled handles would keep the file
        // busy after the study is disposed (backups, deletes, tests). A busy file is waited for
        // (DefaultTimeout) rather than refused: concurrent writers take turns.
        var cs = new SqliteConnectionStringBuilder { DataSource = full, Pooling = false, DefaultTimeout = (int)Study.WriterLockWait.TotalSeconds }.ToString();
        return new StudyLocation(StudyProvider.Sqlite, cs, full, path);
    }

    internal DbContextOptions<StudyDbContext> Options()
    {
        var b = new DbContextOptionsBuilder<StudyDbContext>();
        if (Provider == StudyProvider.Sqlite)
            b.UseSqlite(ConnectionString);
        else
            // The migrations were generated by the SQLite tooling and made provider-neutral by hand;
            // any provider annotation left in their snapshot is not a forgotten migration.
            b.UseNpgsql(ConnectionString)
             .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        b.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
        return b.Options;
    }

    public override string ToString() => Display;
}
