using Microsoft.EntityFrameworkCore;
using TwoWay.Storage;
using TwoWay.Storage.Team;
using TwoWay.TestKit;
using TwoWay.Web.Hosting;

namespace TwoWay.Web.Tests;

/// <summary>
/// A small, bounded version of the load benchmark (bench/team: 50 coders for 60 s): 12 coders code
/// one study at once for a few seconds over HTTP while holding their live streams open. Afterwards
/// every coding the server confirmed is stored exactly once, nothing unconfirmed is stored, and the
/// event log holds one event per coding request. (Latencies are measured by the benchmark, not asserted.)
/// </summary>
[Trait("Category", "PostgreSQL")]
public sealed class TeamLoadTests
{
    [Fact]
    public async Task Concurrent_coders_lose_and_duplicate_nothing()
    {
        using var dir = new TempDir();
        var database = PostgresCluster.Instance.NewDatabase("load");
        var study = await TeamLoad.PrepareAsync(dir, database, coders: 12);
        await using var server = await WorkbenchServer.StartTeamAsync(new TeamServerOptions(database));
        var result = await TeamLoad.RunAsync(new TeamLoad.Options(server.BaseAddress, study.Coders, study.SourceId, study.TextLength, study.Codes,
            Duration: TimeSpan.FromSeconds(6), MaxPerCoder: 25, Think: TimeSpan.FromMilliseconds(150), Seed: 1));

        Assert.Empty(result.Failures);
        var confirmed = result.Stored.SelectMany(kv => kv.Value.Select(id => (kv.Key, id))).ToList();
        Assert.True(confirmed.Count >= 12 * 5, $"only {confirmed.Count} codings were made");
        Assert.Equal(confirmed.Count, confirmed.Select(c => c.id).Distinct().Count());

        var location = StudyLocation.ForPostgreSql(database);
        var rows = new List<(string, Guid)>();
        await using (var connection = new Npgsql.NpgsqlConnection(location.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("SELECT coder, id FROM qual_codings WHERE coder LIKE 'coder-%'", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetGuid(1)));
        }
        Assert.Equal(confirmed.Select(c => (c.Key, c.id)).Order(), rows.Order());

        await using var team = new TeamDbContext(TeamDbContext.Options(location.ConnectionString));
        Assert.Equal(result.LatenciesMs.Count, await team.Events.CountAsync(e => e.Kind == "coding"));
        // The first coder's page saw every change after it was drawn, in order (its stream's count).
        Assert.Equal(result.LatenciesMs.Count, result.EventDelaysMs.Count);
    }

    [Fact]
    public async Task Two_server_processes_on_one_study_keep_every_coding_and_show_every_change_on_both()
    {
        using var dir = new TempDir();
        var database = PostgresCluster.Instance.NewDatabase("load2");
        var study = await TeamLoad.PrepareAsync(dir, database, coders: 8);
        // Two servers on the same database, as behind one proxy: half the team on each.
        await using var first = await WorkbenchServer.StartTeamAsync(new TeamServerOptions(database));
        await using var second = await WorkbenchServer.StartTeamAsync(new TeamServerOptions(database));
        TeamLoad.Options On(Uri server, IEnumerable<(string, string)> coders, int seed) => new(server, coders.ToList(), study.SourceId, study.TextLength, study.Codes,
            Duration: TimeSpan.FromSeconds(5), MaxPerCoder: 20, Think: TimeSpan.FromMilliseconds(150), Seed: seed);
        var results = await Task.WhenAll(
            TeamLoad.RunAsync(On(first.BaseAddress, study.Coders.Take(4), 3)),
            TeamLoad.RunAsync(On(second.BaseAddress, study.Coders.Skip(4), 4)));

        Assert.All(results, r => Assert.Empty(r.Failures));
        var confirmed = results.SelectMany(r => r.Stored).SelectMany(kv => kv.Value.Select(id => (kv.Key, id))).ToList();
        var rows = new List<(string, Guid)>();
        await using (var connection = new Npgsql.NpgsqlConnection(StudyLocation.ForPostgreSql(database).ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("SELECT coder, id FROM qual_codings WHERE coder LIKE 'coder-%'", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetGuid(1)));
        }
        Assert.Equal(confirmed.Order(), rows.Order());
        // Each server's open page saw the other server's changes too (the log is read from the database).
        var requests = results.Sum(r => r.LatenciesMs.Count);
        Assert.All(results, r => Assert.Equal(requests, r.EventDelaysMs.Count));
    }
}
