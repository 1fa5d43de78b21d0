// Benchmark of the case analyses alone (no storage): generates a seeded study of N firms with
// about M operations in total, then times CaseAnalysis.Analyze for every firm plus
// CrossCase.Summarize, several runs, and prints the median.
// Usage: dotnet run -c Release --project bench/CaseAnalysis [firms=10000] [operations=100000] [runs=5]
using System.Diagnostics;
using System.Globalization;
using TwoWay.Cases;
using TwoWay.Domain;

var firms = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var operations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;

var countries = CountryCode.All.ToArray();
var rng = new Random(20261125);
var cases = new List<FirmCase>(firms);
var perFirm = operations / firms;
var made = 0;
for (var f = 0; f < firms; f++)
{
    var id = new FirmId($"F{f:D6}");
    // Vary the number per firm (1 … 2·mean − 1) so some firms are much larger than others.
    var n = f == firms - 1 ? Math.Max(1, operations - made) : rng.Next(1, 2 * perFirm);
    made += n;
    var ops = new List<Operation>(n);
    for (var i = 0; i < n; i++)
    {
        var year = rng.Next(1990, 2024);
        int? month = rng.NextDouble() < 0.3 ? rng.Next(1, 13) : null;
        YearMonth? end = rng.NextDouble() < 0.3 ? new YearMonth(Math.Min(2200, year + 1 + rng.Next(0, 10))) : null;
        ops.Add(new Operation(new OperationId($"{id}/op{i}"), id, rng.Next(2) == 0 ? Direction.Inward : Direction.Outward,
            Modes.All[rng.Next(Modes.All.Count)], countries[rng.Next(40)], new YearMonth(year, month), end,
            rng.NextDouble() < 0.5 ? $"Partner {rng.Next(20)}" : null,
            volume: rng.NextDouble() < 0.6 ? new Volume(shareOfTotal: rng.NextDouble() * 0.1) : null,
            endReason: end is not null && rng.NextDouble() < 0.5 ? new EndReason(EndReasonKind.Sanctions) : null));
    }
    cases.Add(new FirmCase(new Firm(id, $"Firm {f}", CountryCode.Parse("RS"), foundingYear: rng.Next(1980, 2000)), ops));
}
Console.WriteLine($"{cases.Count} firms, {cases.Sum(c => c.Operations.Length)} operations; {Environment.ProcessorCount} logical CPUs");

var times = new List<double>();
var cpuTimes = new List<double>();
var process = Process.GetCurrentProcess();
for (var r = 0; r < runs + 1; r++)
{
    process.Refresh();
    var cpuBefore = process.TotalProcessorTime;
    var sw = Stopwatch.StartNew();
    var profiles = Environment.GetEnvironmentVariable("BENCH_SERIAL") == "1"
        ? cases.Select(c => CaseAnalysis.Analyze(c, 2024)).ToList()
        : CaseAnalysis.AnalyzeAll(cases, 2024);
    var summary = CrossCase.Summarize(profiles);
    sw.Stop();
    process.Refresh();
    var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
    if (r == 0) { Console.WriteLine($"warm-up {sw.Elapsed.TotalMilliseconds:0} ms; {summary.Answer[..Math.Min(120, summary.Answer.Length)]}…"); continue; }
    times.Add(sw.Elapsed.TotalMilliseconds);
    cpuTimes.Add(cpu);
    Console.WriteLine($"run {r}: {sw.Elapsed.TotalMilliseconds:0} ms wall, {cpu:0} ms CPU (gen2 GCs so far {GC.CollectionCount(2)}, allocated {GC.GetTotalAllocatedBytes() / 1e6:0} MB)");
}
times.Sort();
cpuTimes.Sort();
Console.WriteLine($"median of {runs}: {times[times.Count / 2]:0} ms wall, {cpuTimes[cpuTimes.Count / 2]:0} ms CPU (all threads, incl. GC)");

if (Environment.GetEnvironmentVariable("BENCH_PARTS") == "1")
{
    void Time(string name, Action<FirmCase> a)
    {
        var best = double.MaxValue;
        long bytes = 0;
        for (var r = 0; r < 3; r++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            foreach (var c in cases) a(c);
            best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
            bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Console.WriteLine($"{name}: {best:0} ms, {bytes / 1e6:0} MB");
    }
    Time("stages", c => { Stages.Of(c, Direction.Inward, 2024); Stages.Of(c, Direction.Outward, 2024); });
    Time("degrees", c => Degrees.Holistic(c, 2024));
    Time("trajectory", c => Trajectories.Of(c, 2024));
    Time("born global", c => Trajectories.BornGlobal(c, 2024));
    Time("connections", c => Connections.Find(c, 2024));
}
