using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TwoWay.Input;

namespace TwoWay.Storage;

/// <summary>
/// Turns the database's own faults (a file that is not a database or is damaged, a read-only file,
/// a server that refuses the connection or the password) into bad input naming the study by its
/// display name, with what to do. A connection string's password never reaches a message.
/// </summary>
public static class StorageFaults
{
    /// <summary>Runs <paramref name="work"/>, translating database faults (see <see cref="Translate"/>).</summary>
    public static T Guard<T>(StudyLocation location, Func<T> work)
    {
        try { return work(); }
        catch (Exception e) when (Translate(location, e) is { } input) { throw input; }
    }

    /// <inheritdoc cref="Guard{T}(StudyLocation, Func{T})"/>
    public static void Guard(StudyLocation location, Action work) => Guard(location, () => { work(); return 0; });

    /// <inheritdoc cref="Guard{T}(StudyLocation, Func{T})"/>
    public static async Task<T> GuardAsync<T>(StudyLocation location, Func<Task<T>> work)
    {
        try { return await work(); }
        catch (Exception e) when (Translate(location, e) is { } input) { throw input; }
    }

    /// <inheritdoc cref="Guard{T}(StudyLocation, Func{T})"/>
    public static async Task GuardAsync(StudyLocation location, Func<Task> work)
    {
        try { await work(); }
        catch (Exception e) when (Translate(location, e) is { } input) { throw input; }
    }

    /// <summary>The bad-input error for a database fault, or null when <paramref name="e"/> is not one (a bug).</summary>
    public static InputException? Translate(StudyLocation location, Exception e)
    {
        var where = location.Display;
        var inner = e is DbUpdateException { InnerException: { } i } ? i : e;
        return inner switch
        {
            InputException => null,
            SqliteException s => new InputException(where, null, null, s.SqliteErrorCode switch
            {
                26 => "this file is not a TwoWay study, or it is encrypted (not an SQLite database)",
                11 => "the study file is damaged (truncated or corrupted); restore it from a backup (NAME.backup-… beside it)",
                8 => "the study file (or its folder) is read-only; make it writable, or copy it somewhere you can write",
                14 => "the study file cannot be opened (check that the folder exists and you may read it)",
                5 or 6 => "the study is busy: another TwoWay process held it for too long; try again",
                13 => "the disk is full; free space and try again (nothing was stored)",
                _ => $"the study file cannot be used: {s.Message}",
            }),
            PostgresException p => new InputException(where, null, null, p.SqlState switch
            {
                "28P01" or "28000" => $"the PostgreSQL server refused the login: {p.MessageText}",
                "3D000" => $"the PostgreSQL server has no such database: {p.MessageText}",
                "42501" => $"the PostgreSQL user may not do this: {p.MessageText}",
                _ => $"the PostgreSQL server refused: {p.MessageText} ({p.SqlState})",
            }),
            NpgsqlException n => new InputException(where, null, null,
                $"could not reach the PostgreSQL server ({Describe(n)}); check the host, port and that the server runs"),
            DbException d => new InputException(where, null, null, $"the study's database failed: {d.Message}"),
            _ => null,
        };
    }

    private static string Describe(NpgsqlException n) =>
        n.InnerException is System.Net.Sockets.SocketException s ? s.SocketErrorCode switch
        {
            System.Net.Sockets.SocketError.ConnectionRefused => "connection refused",
            System.Net.Sockets.SocketError.HostNotFound or System.Net.Sockets.SocketError.TryAgain => "host not found",
            System.Net.Sockets.SocketError.TimedOut => "timed out",
            _ => s.SocketErrorCode.ToString(),
        } : n.InnerException is TimeoutException ? "timed out" : n.Message;
}
