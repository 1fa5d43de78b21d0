// Scores N seeded batch responses of the built-in questionnaire against the built-in decision
// table and sample catalogue, RUNS times, and prints the median. Two measures:
//   assess  — in memory: score, decide the next step, match programmes, population summary (with alpha);
//   file    — the whole `twoway assess batch` path: read the CSV, check every cell, then assess.
using System.Diagnostics;
using System.Globalization;
using TwoWay.Assessment;
using TwoWay.Policy.Files;

var firms = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var q = BuiltIn.Questionnaire();
var assessor = new Assessor(q, BuiltIn.DecisionTable(q), BuiltIn.Catalogue());

var rng = new Random(20261125);
var csv = Path.Combine(Path.GetTempPath(), $"twoway-bench-assessment-{firms}.csv");
using (var w = new StreamWriter(csv))
{
    w.WriteLine("firm_id," + string.Join(",", q.Items.Select(i => i.Id)));
    for (var f = 0; f < firms; f++)
    {
        var exported = rng.Next(2) == 1;
        var imported = rng.Next(2) == 1;
        var level = rng.Next(1, 6);
        var cells = q.Items.Select(item => item.Fact switch
        {
            ActivityFact.ExportedBefore => exported ? "yes" : "no",
            ActivityFact.ExportsRegularly => exported && rng.Next(2) == 1 ? "yes" : "no",
            ActivityFact.ImportedBefore => imported ? "yes" : "no",
            ActivityFact.ImportsRegularly => imported && rng.Next(2) == 1 ? "yes" : "no",
            ActivityFact.ExportShare or ActivityFact.ImportShare => $"{rng.Next(0, 80)}%",
            ActivityFact.ExportCountries or ActivityFact.ImportCountries => rng.Next(0, 12).ToString(CultureInfo.InvariantCulture),
            ActivityFact.OutwardModes => exported ? "goods_export" : "",
            ActivityFact.InwardModes => imported ? "goods_import; licensing_in" : "",
            _ => rng.Next(20) == 0 ? "" : Math.Clamp(level + rng.Next(-1, 2), 1, 5).ToString(CultureInfo.InvariantCulture),
        });
        w.WriteLine($"F{f:D6}," + string.Join(",", cells));
    }
}
var sheets = BatchFile.Read(csv, q).Sheets;

double Median(List<double> xs) { xs.Sort(); return xs[xs.Count / 2]; }
var assess = new List<double>();
var assessCpu = new List<double>();
var file = new List<double>();
double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
BatchResult? last = null;
for (var r = 0; r < runs; r++)
{
    var cpu = Cpu();
    var sw = Stopwatch.StartNew();
    last = assessor.AssessAll(sheets);
    assess.Add(sw.Elapsed.TotalSeconds);
    assessCpu.Add(Cpu() - cpu);
    sw.Restart();
    var loaded = BatchFile.Read(csv, q);
    assessor.AssessAll(loaded.Sheets);
    file.Add(sw.Elapsed.TotalSeconds);
}
Console.WriteLine($"load average at end: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}");
Console.WriteLine($"firms: {firms}, items: {q.Items.Length}, programmes: {BuiltIn.Catalogue().Programmes.Length}, runs: {runs}, cores: {Environment.ProcessorCount}");
Console.WriteLine($"assess (score + next step + matching + population summary): median {Median(assess):0.000} s  [{string.Join(", ", assess.Select(x => x.ToString("0.000", CultureInfo.InvariantCulture)))}]");
Console.WriteLine($"assess CPU time (all threads):                              median {Median(assessCpu):0.000} s");
Console.WriteLine($"file   (read CSV + check + assess):                         median {Median(file):0.000} s  [{string.Join(", ", file.Select(x => x.ToString("0.000", CultureInfo.InvariantCulture)))}]");
Console.WriteLine($"check: {last!.Firms.Count} firms, {last.Population.NextSteps.Count} distinct next steps, outward alpha {last.Population.Directions[0].Reliability.Alpha:0.000}");
File.Delete(csv);
