// Team server load test (issue 12). Usage, from the repository root: bench/team/run.sh [coders] [seconds] [runs]
// Starts a throwaway PostgreSQL cluster on loopback (as the tests do), pushes a fictional study with a
// 20,000-character transcript, adds the coder accounts, starts the real team server in this process
// and lets the coders code for the given time: each signs in, opens the coding screen, holds its live
// stream open and posts a coding of a random passage every 0.5–1.5 × think seconds (default 1), at most
// twice the time over the think time each.
// Afterwards it counts the codings in the database against those the server confirmed (nothing lost,
// nothing duplicated) and prints, per run and as the median of the runs: requests, p50/p95/p99/max of
// the coding request (ms, client side, the whole round trip), and how late changes reached an open page.
using System.Globalization;
using Npgsql;
using TwoWay.TestKit;
using TwoWay.Web.Hosting;

var inv = CultureInfo.InvariantCulture;
var coders = args.Length > 0 ? int.Parse(args[0], inv) : 50;
var seconds = args.Length > 1 ? int.Parse(args[1], inv) : 60;
var runs = args.Length > 2 ? int.Parse(args[2], inv) : 3;
var think = args.Length > 3 ? double.Parse(args[3], inv) : 1.0; // mean seconds between one coder's codings
Console.WriteLine($"# {coders} coders × {seconds} s, {runs} runs; think time {0.5 * think:0.##}–{1.5 * think:0.##} s; {Environment.ProcessorCount} cores; {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z");
Console.WriteLine("run | requests | per s | p50 ms | p95 ms | p99 ms | max ms | failures | lost | duplicated | event delay p95 ms | event delay max ms");
var rows = new List<double[]>();
for (var run = 1; run <= runs; run++)
{
    using var dir = new TempDir();
    var database = PostgresCluster.Instance.NewDatabase("bench_team");
    var study = await TeamLoad.PrepareAsync(dir, database, coders, seed: run);
    await using var server = await WorkbenchServer.StartTeamAsync(new TeamServerOptions(database));
    var r = await TeamLoad.RunAsync(new TeamLoad.Options(server.BaseAddress, study.Coders, study.SourceId, study.TextLength, study.Codes,
        TimeSpan.FromSeconds(seconds), MaxPerCoder: (int)Math.Ceiling(seconds / think * 2), Think: TimeSpan.FromSeconds(think), Seed: run));
    var confirmed = r.Stored.SelectMany(kv => kv.Value.Select(id => (kv.Key, id))).ToHashSet();
    var stored = new List<(string, Guid)>();
    await using (var c = new NpgsqlConnection(TwoWay.Storage.StudyLocation.ForPostgreSql(database).ConnectionString))
    {
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT coder, id FROM qual_codings WHERE coder LIKE 'coder-%'", c);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) stored.Add((reader.GetString(0), reader.GetGuid(1)));
    }
    var lost = confirmed.Count(x => !stored.Contains(x));
    var duplicated = stored.Count - stored.Distinct().Count() + stored.Count(x => !confirmed.Contains(x));
    var row = new[] { r.LatenciesMs.Count, r.LatenciesMs.Count / r.Elapsed.TotalSeconds, r.Percentile(50), r.Percentile(95), r.Percentile(99), r.LatenciesMs.DefaultIfEmpty().Max(),
        r.Failures.Count, lost, duplicated, TeamLoad.Result.Percentile(r.EventDelaysMs, 95), r.EventDelaysMs.DefaultIfEmpty().Max() };
    rows.Add(row);
    Console.WriteLine($"{run} | " + string.Join(" | ", row.Select(v => v.ToString("0.#", inv))));
    foreach (var f in r.Failures.Take(5)) Console.WriteLine("  failure: " + f);
}
var median = Enumerable.Range(0, rows[0].Length).Select(i => rows.Select(x => x[i]).Order().ElementAt(rows.Count / 2)).ToArray();
Console.WriteLine("median | " + string.Join(" | ", median.Select(v => v.ToString("0.#", inv))));
return 0;
