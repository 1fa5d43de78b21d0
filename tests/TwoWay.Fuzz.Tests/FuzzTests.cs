using FsCheck;
using FsCheck.Fluent;
using TwoWay.Input;
using TwoWay.Interchange.Cases;
using TwoWay.Interchange.Tables;
using TwoWay.Qualitative;
using TwoWay.Qualitative.Files;
using TwoWay.Qualitative.Files.Refi;
using TwoWay.Storage;
using TwoWay.Storage.Qualitative;
using TwoWay.TestKit;

namespace TwoWay.Fuzz.Tests;

/// <summary>
/// Valid CSV, XLSX, DOCX, QDPX and QDC files, mutated (byte flips, truncation, control characters,
/// duplicated zip entries, forged sizes, deep nesting, garbage parts), go through the real import
/// entry points into a temporary SQLite study. Every case must end in success or an
/// <see cref="InputException"/> — never another exception — store nothing when refused, and keep the
/// process under 1 GB. A failure names the format, mutation and seed; FsCheck also prints its replay seed.
/// </summary>
public sealed class FuzzTests : IDisposable
{
    private const long MemoryBound = 1L << 30;

    /// <summary>TWOWAY_FUZZ_SCALE=20 runs twenty times the cases (CI runs the default, about a minute in all).</summary>
    private static readonly int Scale = int.TryParse(Environment.GetEnvironmentVariable("TWOWAY_FUZZ_SCALE"), out var s) && s > 0 ? s : 1;

    private readonly string _dir = Directory.CreateTempSubdirectory("twoway-fuzz-").FullName;
    private readonly Study _study;

    public FuzzTests() => _study = Study.Create(Path.Combine(_dir, "fuzz.twoway"));

    public void Dispose()
    {
        _study.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private static string Seed(string name) => Path.Combine(AppContext.BaseDirectory, "Seeds", name);

    private static readonly Lazy<byte[]> Xlsx = new(() =>
    {
        var table = TableReader.Read(Seed("firms.csv"));
        var path = Path.Combine(Path.GetTempPath(), $"twoway-fuzz-seed-{Guid.NewGuid():N}.xlsx");
        try
        {
            TableWriter.Write(path, table.Headers!, table.Rows.Select(r => (IReadOnlyList<string?>)table.Columns.Select(c => r.Cells[c]).ToList()));
            return File.ReadAllBytes(path);
        }
        finally { File.Delete(path); }
    });

    private static readonly Lazy<byte[]> Docx = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"twoway-fuzz-seed-{Guid.NewGuid():N}.docx");
        try
        {
            HostileFiles.Zip(path, HostileFiles.DocxParts.Append(("word/document.xml",
                HostileFiles.DocumentStart + "We started by importing castings.</w:t></w:r></w:p><w:p><w:r><w:t>Then we exported." + HostileFiles.DocumentEnd)));
            return File.ReadAllBytes(path);
        }
        finally { File.Delete(path); }
    });

    private static Gen<(Mutation Mutation, int Seed)> Cases =>
        from m in Gen.Elements(Enum.GetValues<Mutation>())
        from s in Gen.Choose(0, int.MaxValue)
        select (m, s);

    /// <summary>Runs <paramref name="import"/> on each mutation of <paramref name="seedFile"/>; <paramref name="stored"/> counts what the study holds.</summary>
    private void Fuzz(string format, byte[] seedFile, int cases, Action<string> import, Func<int> stored)
    {
        var prop = Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var path = Path.Combine(_dir, $"case-{c.Seed}{format}");
            File.WriteAllBytes(path, Mutator.Apply(seedFile, c.Mutation, c.Seed));
            var before = stored();
            try
            {
                import(path);
            }
            catch (InputException)
            {
                if (stored() != before) throw new Xunit.Sdk.XunitException($"{format} {c.Mutation} seed {c.Seed}: refused, yet the study changed");
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"{format} {c.Mutation} seed {c.Seed}: {e.GetType().Name} instead of InputException: {e}");
            }
            finally
            {
                File.Delete(path);
            }
            if (HostileFiles.PeakResident() > MemoryBound)
                throw new Xunit.Sdk.XunitException($"{format} {c.Mutation} seed {c.Seed}: peak resident {HostileFiles.PeakResident() >> 20} MB");
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(cases * Scale), prop);
    }

    private int StoredFirms() => _study.Ids().Firms.Count;

    private void ImportCases(string path)
    {
        var ids = _study.Ids();
        var batch = CaseImport.Read([path], new ImportTarget(ids.Firms, ids.Operations, false));
        _study.Save(batch.FirmValues, batch.OperationValues);
    }

    private int StoredQualitative()
    {
        var p = QualitativeStore.Load(_study);
        return p.SourceCount * 1_000_000 + p.Codebook.Count * 1000 + p.Codings.Count;
    }

    [Fact]
    public void Csv_firms() => Fuzz(".csv", File.ReadAllBytes(Seed("firms.csv")), 150, ImportCases, StoredFirms);

    [Fact]
    public void Csv_operations() => Fuzz(".csv", File.ReadAllBytes(Seed("operations.csv")), 100, ImportCases, StoredFirms);

    [Fact]
    public void Xlsx_firms() => Fuzz(".xlsx", Xlsx.Value, 120, ImportCases, StoredFirms);

    [Fact]
    public void Docx_transcript() => Fuzz(".docx", Docx.Value, 150, path => TranscriptReader.Read(path), () => 0);

    [Theory]
    [InlineData("qc_demo.qdpx")]
    [InlineData("nvivo_project.qdpx")]
    public void Qdpx_project(string seed) =>
        Fuzz(".qdpx", File.ReadAllBytes(Seed(seed)), 60, path => QualitativeStore.Edit(_study, _ => RefiImport.ReadQdpx(path).Project), StoredQualitative);

    [Theory]
    [InlineData("twoway-starter.qdc")]
    [InlineData("atlasti_win_23.4.0_codebook.qdc")]
    public void Qdc_codebook(string seed) =>
        Fuzz(".qdc", File.ReadAllBytes(Seed(seed)), 100, path =>
        {
            var read = RefiImport.ReadQdc(path).Codebook;
            QualitativeStore.Edit(_study, stored => QualitativeProject.Create(stored.Name, stored.Sources,
                RefiImport.MergeCodebook(stored.Codebook, read).Codebook, stored.Codings, stored.Memos, stored.Name));
        }, StoredQualitative);
}
