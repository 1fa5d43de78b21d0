// Qualitative workbench benchmark (issue 4). Usage, from the repository root:
//   dotnet run -c Release --project bench/qualitative -- DIR [runs] [transcripts] [words per transcript] [codings] [seed]
// Generates (seeded, so every machine times the same data) a study of 500 transcripts of 10,000
// words (≈5M words, ≈33M characters) over 50 cases in two rounds, the starter codebook and 50,000
// codings by two coders, then times, per run: the code×case matrix (counts; and the framework
// matrix with quotations), co-occurrence, inter-coder agreement, full-text search for three
// phrases (frequent word, rare phrase, absent phrase; grep -c -i -F on the same texts written as
// files is the reference), QDPX export and re-import, and storing/loading the study in SQLite.
// Prints each run and the median of each measure (wall clock, milliseconds). bench/qualitative/run.sh runs it.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using TwoWay.Domain;
using TwoWay.Qualitative;
using TwoWay.Qualitative.Files;
using TwoWay.Qualitative.Files.Refi;
using TwoWay.Storage;
using TwoWay.Storage.Qualitative;

var inv = CultureInfo.InvariantCulture;
if (args.Length < 1) { Console.Error.WriteLine("usage: DIR [runs] [transcripts] [words] [codings] [seed]"); return 2; }
var dir = Path.GetFullPath(args[0]);
int Arg(int i, int d) => args.Length > i ? int.Parse(args[i], inv) : d;
var runs = Arg(1, 5);
var transcriptCount = Arg(2, 500);
var wordsPer = Arg(3, 10_000);
var codingCount = Arg(4, 50_000);
var seed = Arg(5, 42);
Directory.CreateDirectory(dir);

var sw = Stopwatch.StartNew();
var project = Generate(transcriptCount, wordsPer, codingCount, seed);
var words = project.Sources.Sum(s => s.Text.Split(' ', '\n').Length);
var chars = project.Sources.Sum(s => (long)s.Text.Length);
Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}; generated {project.SourceCount} transcripts, {words:N0} words, {chars:N0} characters, " +
    $"{project.Codebook.Count} codes, {project.Codings.Count:N0} codings (seed {seed}) in {sw.Elapsed.TotalSeconds:F1} s");
var textDir = Path.Combine(dir, "texts");
Directory.CreateDirectory(textDir);
foreach (var s in project.Sources) File.WriteAllText(Path.Combine(textDir, s.Name + ".txt"), s.Text, new UTF8Encoding(false));

string[] phrases = ["licence", "our Kessler engineers came twice", "zzqx never written"];
var times = new Dictionary<string, List<double>>();
var cpuTimes = new Dictionary<string, List<double>>();
// Wall clock and process CPU time (all threads): on a shared machine the CPU time is the steadier figure.
void Time(string name, Action action)
{
    var me = Process.GetCurrentProcess();
    var cpu0 = me.TotalProcessorTime;
    var t = Stopwatch.StartNew();
    action();
    (times.TryGetValue(name, out var l) ? l : times[name] = []).Add(t.Elapsed.TotalMilliseconds);
    me.Refresh();
    (cpuTimes.TryGetValue(name, out var c) ? c : cpuTimes[name] = []).Add((me.TotalProcessorTime - cpu0).TotalMilliseconds);
}

for (var run = 0; run < runs; run++)
{
    foreach (var (phrase, i) in phrases.Select((p, i) => (p, i)))
    {
        SearchResult? hits = null;
        Time($"search {i + 1} \"{phrase}\"", () => hits = TextSearch.Find(project, phrase, limit: 50));
        var grepHits = 0;
        Time($"grep -c -i -F {i + 1} (reference)", () => grepHits = Grep(phrase, textDir));
        if (run == 0) Console.WriteLine($"  \"{phrase}\": {hits!.TotalHits} hits (grep: {grepHits} matching lines)");
    }
    CodeCaseMatrixResult? matrix = null;
    Time("matrix (counts)", () => matrix = CodeCaseMatrix.Compute(project));
    Time("matrix round 2", () => CodeCaseMatrix.Compute(project, round: 2));
    Time("framework matrix (quotations)", () => CodeCaseMatrix.Compute(project, withQuotations: true));
    Time("co-occurrence", () => CoOccurrence.Compute(project));
    Time("agreement (2 coders)", () => InterCoderAgreement.Compute(project, "coder A", "coder B"));
    if (matrix!.Rows.Sum(r => r.Total) != project.Codings.Count) throw new InvalidOperationException("matrix lost codings");
    var qdpx = Path.Combine(dir, "bench.qdpx");
    Time("QDPX export", () => RefiExport.WriteQdpx(project, qdpx));
    RefiImportResult? back = null;
    Time("QDPX import", () => back = RefiImport.ReadQdpx(qdpx));
    if (back!.Project.Codings.Count != project.Codings.Count || back.Project.SourceCount != project.SourceCount)
        throw new InvalidOperationException("QDPX round trip lost data");
    if (run == 0) Console.WriteLine($"  QDPX file {new FileInfo(qdpx).Length / 1e6:F1} MB");

    var studyPath = Path.Combine(dir, $"bench-{run}.twoway");
    foreach (var f in Directory.GetFiles(dir, $"bench-{run}.twoway*")) File.Delete(f);
    using (var study = Study.Create(studyPath))
    {
        Time("store in study (SQLite)", () => QualitativeStore.Edit(study, _ => project));
        QualitativeProject? loaded = null;
        Time("load from study", () => loaded = QualitativeStore.Load(study));
        var source = loaded!.Sources.First();
        var code = loaded.Codebook.Codes.First(c => c.IsCodable);
        var coding = new Coding(Guid.NewGuid(), source.Id, code.Id, new TextSpan(10, 60), "coder C");
        // One unit of work as `twoway code` runs it: writer lock, read the workbench inside, add, write one row.
        Time("store one new coding (unit of work)", () => QualitativeStore.Edit(study, p => p.AddCoding(coding)));
    }
    foreach (var f in Directory.GetFiles(dir, $"bench-{run}.twoway*")) File.Delete(f);
    Console.WriteLine($"run {run + 1}: " + string.Join("; ", times.Select(kv => $"{kv.Key} {kv.Value[^1].ToString("F0", inv)}")));
}
Console.WriteLine($"median of {runs} runs (ms): wall (min, max) and process CPU; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
foreach (var (name, list) in times)
    Console.WriteLine($"  {name,-45} {Median(list).ToString("F1", inv),9}   ({list.Min().ToString("F1", inv)}, {list.Max().ToString("F1", inv)})   cpu {Median(cpuTimes[name]).ToString("F1", inv),9}");
return 0;

static double Median(List<double> xs)
{
    var s = xs.Order().ToList();
    return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
}

static int Grep(string phrase, string folder)
{
    var psi = new ProcessStartInfo("grep", ["-c", "-i", "-F", "-r", phrase, folder]) { RedirectStandardOutput = true };
    using var p = Process.Start(psi)!;
    var output = p.StandardOutput.ReadToEnd();
    p.WaitForExit();
    return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Sum(l => int.Parse(l[(l.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture));
}

static QualitativeProject Generate(int transcripts, int wordsPer, int codingCount, int seed)
{
    var rng = new Random(seed);
    // A vocabulary of invented words plus the field's terms, with a Zipf-like skew.
    string[] terms = ["licence", "import", "export", "supplier", "customer", "partner", "Kessler", "engineers", "market", "sanctions",
        "joint", "venture", "learning", "trust", "network", "capital", "Ljubljana", "Łódź", "Kraków", "Tbilisi", "déjà", "Straße"];
    const string letters = "abcdefghijklmnoprstuvzčćšž";
    var vocab = terms.Concat(Enumerable.Range(0, 3000).Select(_ =>
        new string(Enumerable.Range(0, 2 + rng.Next(9)).Select(_ => letters[rng.Next(letters.Length)]).ToArray()))).ToArray();
    var book = StarterCodebook.Load();
    var codable = book.Codes.Where(c => c.IsCodable).Select(c => c.Id).ToArray();
    var sources = new List<Source>(transcripts);
    for (var t = 0; t < transcripts; t++)
    {
        var sb = new StringBuilder(wordsPer * 7);
        sb.Append("FICTIONAL benchmark transcript ").Append(t).Append('\n');
        var plantedAt = t % 100 == 0 ? rng.Next(wordsPer) : -1;
        for (var w = 0; w < wordsPer; w++)
        {
            if (w % 60 == 0) sb.Append(w % 120 == 0 ? "\n\nI: " : "\n\nR: ");
            else sb.Append(' ');
            if (w == plantedAt) { sb.Append("our Kessler engineers came twice"); w += 4; continue; }
            var r = rng.NextDouble();
            sb.Append(vocab[(int)(vocab.Length * r * r * r)]);
            if (rng.Next(14) == 0) sb.Append('.');
        }
        var firm = new FirmId($"BN-{t / 10:D2}");
        sources.Add(new Source(Guid.NewGuid(), $"T{t:D4}", sb.ToString(), firm, new Respondent("managing director", $"R{t / 10}"),
            1 + t % 2, new DateOnly(2023 + t % 2, 1 + t % 12, 1 + t % 28), "en"));
    }
    var codings = new List<Coding>(codingCount);
    // The core refuses overlapping spans of one code by one coder in one source (they should be one coding).
    var taken = new Dictionary<(Guid, Guid, string), List<TextSpan>>();
    bool Free(Guid source, Guid code, string coder, TextSpan span) =>
        !taken.TryGetValue((source, code, coder), out var l) || l.All(x => x.End <= span.Start || span.End <= x.Start);
    void Add(Source s, Guid code, string coder, TextSpan span)
    {
        codings.Add(new Coding(Guid.NewGuid(), s.Id, code, span, coder));
        (taken.TryGetValue((s.Id, code, coder), out var l) ? l : taken[(s.Id, code, coder)] = []).Add(span);
    }
    for (var i = 0; codings.Count < codingCount; i++)
    {
        var s = sources[i % transcripts];
        var coder = codings.Count % 2 == 0 ? "coder A" : "coder B";
        // Coder B mostly codes near coder A's previous span with the same code, so agreement is realistic.
        if (coder == "coder B" && rng.Next(4) != 0)
        {
            var a = codings[^1];
            s = sources.First(x => x.Id == a.SourceId);
            var start = Math.Clamp(a.Span.Start + rng.Next(-30, 31), 0, s.Text.Length - 2);
            var end = Math.Clamp(a.Span.End + rng.Next(-30, 31), start + 1, s.Text.Length);
            var code = rng.Next(8) == 0 ? codable[rng.Next(codable.Length)] : a.CodeId;
            if (Free(s.Id, code, coder, new TextSpan(start, end))) { Add(s, code, coder, new TextSpan(start, end)); continue; }
        }
        var st = rng.Next(s.Text.Length - 700);
        var span = new TextSpan(st, st + 50 + rng.Next(600));
        var c = codable[rng.Next(codable.Length)];
        if (Free(s.Id, c, coder, span)) Add(s, c, coder, span);
    }
    return QualitativeProject.Create("benchmark", sources, book, codings, [], "benchmark");
}
