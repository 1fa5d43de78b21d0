// Import benchmark (issue 2). Usage, from the repository root:
//   dotnet run -c Release --project bench/import -- generate bench/results/import [firms] [operations] [seed]
//   dotnet run -c Release --project bench/import -- run bench/results/import [runs]
// `generate` writes firms.csv and operations.csv (seeded, so every machine times the same data);
// `run` times, per run on a fresh study file: read + validate the CSVs, store them in one
// transaction, load every FirmCase back, and analyse every firm (CaseAnalysis.AnalyzeAll).
// It prints each run and the median of each phase (wall clock), and the process CPU time,
// which is the fairer number when other jobs share the machine. bench/import/run.sh does both with the defaults.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using TwoWay.Cases;
using TwoWay.Domain;
using TwoWay.Interchange.Cases;
using TwoWay.Storage;

var inv = CultureInfo.InvariantCulture;
if (args.Length < 2) { Console.Error.WriteLine("usage: generate DIR [firms] [operations] [seed] | run DIR [runs]"); return 2; }
var dir = args[1];
Directory.CreateDirectory(dir);
if (args[0] == "generate")
{
    var firms = args.Length > 2 ? int.Parse(args[2], inv) : 10_000;
    var operations = args.Length > 3 ? int.Parse(args[3], inv) : 100_000;
    var seed = args.Length > 4 ? int.Parse(args[4], inv) : 42;
    Generate(dir, firms, operations, seed);
    Console.WriteLine($"wrote {firms} firms and {operations} operations (seed {seed}) to {dir}");
    return 0;
}
if (args[0] != "run") { Console.Error.WriteLine("unknown mode " + args[0]); return 2; }
var runs = args.Length > 2 ? int.Parse(args[2], inv) : 5;
var files = new[] { Path.Combine(dir, "firms.csv"), Path.Combine(dir, "operations.csv") };
var phases = new[] { "read+validate", "store", "load", "analyse", "total" };
var times = phases.Append("cpu").ToDictionary(p => p, _ => new List<double>());
Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}; {string.Join("  ", phases)} (seconds)");
for (var run = 0; run < runs; run++)
{
    var path = Path.Combine(dir, $"bench-{run}.twoway");
    if (File.Exists(path)) File.Delete(path);
    var sw = Stopwatch.StartNew();
    var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
    var t = new double[5];
    using (var study = Study.Create(path))
    {
        var ids = study.Ids();
        var batch = CaseImport.Read(files, new ImportTarget(ids.Firms, ids.Operations, false));
        t[0] = sw.Elapsed.TotalSeconds;
        Console.WriteLine($"  cpu after read {(Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds:F2}");
        study.Save(batch.FirmValues, batch.OperationValues);
        t[1] = sw.Elapsed.TotalSeconds - t[0];
        Console.WriteLine($"  cpu after store {(Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds:F2}");
        var cases = study.LoadCases();
        t[2] = sw.Elapsed.TotalSeconds - t[0] - t[1];
        Console.WriteLine($"  cpu after load {(Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds:F2}");
        var profiles = CaseAnalysis.AnalyzeAll(cases, 2024);
        t[3] = sw.Elapsed.TotalSeconds - t[0] - t[1] - t[2];
        t[4] = sw.Elapsed.TotalSeconds;
        if (profiles.Count != cases.Count || cases.Sum(c => c.Operations.Length) != batch.Operations.Count)
            throw new InvalidOperationException("benchmark lost data");
    }
    File.Delete(path);
    for (var i = 0; i < 5; i++) times[phases[i]].Add(t[i]);
    var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
    times["cpu"].Add(cpu);
    Console.WriteLine($"run {run + 1}: " + string.Join("  ", t.Select(x => x.ToString("F2", inv))) + $"  (cpu {cpu.ToString("F2", inv)})");
}
Console.WriteLine("median: " + string.Join("  ", phases.Append("cpu").Select(p => $"{p} {Median(times[p]).ToString("F2", inv)}")));
return 0;

static double Median(List<double> xs)
{
    var s = xs.Order().ToList();
    return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
}

static void Generate(string dir, int firmCount, int operationCount, int seed)
{
    var rng = new Random(seed);
    string[] homes = ["RS", "PL", "GE", "KZ", "UA", "AM", "BY", "HU", "RO", "BG"];
    string[] partners = ["DE", "IT", "CN", "TR", "RU", "US", "FR", "AT", "NL", "GB", "JP", "KR", "IN", "SE", "FI", "CZ", "SK", "SI", "HR", "ES"];
    string[] sectors = ["C25", "C28.1", "C10", "G46", "J62", "M71", "C22", "H49"];
    string[] sizes = ["micro", "small", "medium"];
    var modes = Modes.All;
    using (var f = new StreamWriter(Path.Combine(dir, "firms.csv"), false, new UTF8Encoding(false)))
    {
        f.WriteLine("firm_id,name,home_country,sector,size,founding_year,attr:economy,attr:cohort");
        for (var i = 0; i < firmCount; i++)
            f.WriteLine($"F{i:D5},Firm {i},{homes[rng.Next(homes.Length)]},{sectors[rng.Next(sectors.Length)]},{sizes[rng.Next(sizes.Length)]},{1970 + rng.Next(40)},post-transition,{rng.Next(5)}");
    }
    using var o = new StreamWriter(Path.Combine(dir, "operations.csv"), false, new UTF8Encoding(false));
    o.WriteLine("operation_id,firm_id,direction,mode,partner_country,partner,start,end,channel,annual_value,currency,share_of_total,end_reason,end_reason_note,evidence_kind,evidence_reference,interview_round,quotation");
    for (var i = 0; i < operationCount; i++)
    {
        var firm = i < firmCount ? i : rng.Next(firmCount);
        var direction = rng.Next(2) == 0 ? Direction.Inward : Direction.Outward;
        var mode = modes[rng.Next(3) == 0 ? rng.Next(modes.Count) : 0];
        var startYear = 1990 + rng.Next(30);
        var start = rng.Next(3) == 0 ? $"{startYear}-{1 + rng.Next(12):D2}" : $"{startYear}";
        var ended = rng.Next(10) < 3;
        var end = ended ? $"{startYear + 1 + rng.Next(8)}" : "";
        var channel = mode == Mode.GoodsTrade && rng.Next(2) == 0 ? (rng.Next(2) == 0 ? "direct" : "indirect") : "";
        var value = rng.Next(4) == 0 ? $"{rng.Next(1000, 5_000_000)}.{rng.Next(100):D2}" : "";
        var currency = value.Length > 0 ? "EUR" : "";
        var share = rng.Next(5) == 0 ? (rng.NextDouble() * 0.5).ToString("F3", CultureInfo.InvariantCulture) : "";
        var reason = ended && rng.Next(3) == 0 ? "sanctions" : "";
        var interview = rng.Next(2) == 0;
        var evidence = interview ? $"interview,CEO,{1 + rng.Next(2)},\"We worked with partner {i % 97}, step by step.\"" : ",,,";
        o.WriteLine($"OP{i:D6},F{firm:D5},{direction.Code()},{mode.Code(direction)},{partners[rng.Next(partners.Length)]},Partner {rng.Next(500)},{start},{end},{channel},{value},{currency},{share},{reason},,{evidence}");
        if (rng.Next(10) == 0)
            o.WriteLine($"OP{i:D6},F{firm:D5},,,,,,,,,,,,,customs_record,SAD {i},,");
    }
}
