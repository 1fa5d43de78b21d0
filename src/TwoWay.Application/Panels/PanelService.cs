using TwoWay.Application.Files;
using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Panels;
using TwoWay.Reports.Html;
using TwoWay.Statistics;
using TwoWay.Storage;

namespace TwoWay.Application.Panels;

/// <summary>What <c>twoway panel analyze</c> is asked to do: the panel, the model options and the files to write.</summary>
/// <param name="Input">The panel file (or folder) and its column names, covariates and flows file.</param>
/// <param name="Ties">Ties in the Cox partial likelihood.</param>
/// <param name="MemoryLimit">DuckDB's memory limit (e.g. "3GB"); null for DuckDB's default.</param>
public sealed record PanelAnalysisRequest(PanelInput Input, Ties Ties = Ties.Efron, string? MemoryLimit = null)
{
    /// <summary>Also write the HTML report here (<c>--out</c>).</summary>
    public string? ReportPath { get; init; }

    /// <summary>The report's title; null for "Panel analysis: FILE".</summary>
    public string? ReportTitle { get; init; }

    /// <summary>Put the stage timings in the report's footer.</summary>
    public bool Timings { get; init; }

    /// <summary>Also write the export-entry spell rows as CSV here (<c>--spells-out</c>).</summary>
    public string? SpellsPath { get; init; }

    /// <summary>Replace existing output files (never an input or a database file).</summary>
    public bool Force { get; init; }

    /// <summary>
    /// A PostgreSQL connection string or postgresql:// URL: the analysis runs inside that database
    /// on the table <see cref="PanelInput.Path"/> names; null for a file read by the embedded DuckDB.
    /// </summary>
    public string? Database { get; init; }

    /// <summary>Disclosure control (<c>--min-cell</c>): hold back figures resting on fewer firms; null for none.</summary>
    public int? MinCell { get; init; }
}

/// <summary>The analysis (the JSON of <c>panel analyze --json</c>) and the full paths of the files written.</summary>
public sealed record PanelAnalysisOutcome(PanelAnalysis Analysis, string? ReportPath, string? SpellsPath);

/// <summary>What <c>twoway panel simulate</c> is asked to write.</summary>
/// <param name="Out">FILE.csv, FILE.parquet, or a new folder (Parquet partitioned by year).</param>
/// <param name="Firms">Number of fictional firms.</param>
/// <param name="Years">Years each firm is observed (at least 2).</param>
/// <param name="Seed">The same seed and sizes always give the same panel.</param>
/// <param name="HazardRatio">True hazard ratio of importing (last year) on export entry.</param>
public sealed record PanelSimulationRequest(string Out, long Firms = 10_000, int Years = 10, int Seed = 1, double HazardRatio = 1.8)
{
    /// <summary>Replace an existing output file (a folder is never replaced).</summary>
    public bool Force { get; init; }
}

/// <summary>What <c>twoway panel simulate</c> wrote (<c>--json</c>).</summary>
/// <param name="Out">The full path written.</param>
/// <param name="Format">csv, parquet or partitioned_parquet.</param>
/// <param name="FirmYears">Rows written.</param>
/// <param name="Firms">Fictional firms simulated.</param>
/// <param name="Years">Years per firm.</param>
/// <param name="Seed">The seed used.</param>
/// <param name="HazardRatio">The true hazard ratio built in.</param>
public sealed record PanelSimulationResult(string Out, PanelFormat Format, long FirmYears, long Firms, int Years, int Seed, double HazardRatio);

/// <summary>What <c>twoway survey analyze</c> is asked to do.</summary>
public sealed record SurveyAnalysisRequest(SurveyInput Input, SurveyOptions Options)
{
    /// <summary>Also write the HTML report here (<c>--out</c>).</summary>
    public string? ReportPath { get; init; }

    /// <summary>The report's title; null for "Survey analysis: FILE".</summary>
    public string? ReportTitle { get; init; }

    /// <summary>Replace an existing report (never the survey file or a database file).</summary>
    public bool Force { get; init; }
}

/// <summary>The survey analysis (the JSON of <c>survey analyze --json</c>) and the report written, if any.</summary>
public sealed record SurveyAnalysisOutcome(SurveyAnalysis Analysis, string? ReportPath);

/// <summary>
/// The population panel and survey use cases: DuckDB aggregates the file, the core fits, the
/// report renderer draws. Output files are checked before the work starts (a refused target
/// costs nothing) and written through <see cref="OutputFile"/>; the panel and flows files are
/// never written over.
/// </summary>
public static class PanelService
{
    public static Task<PanelAnalysisOutcome> AnalyzeAsync(PanelAnalysisRequest request, IProgress<string>? progress = null,
        CancellationToken cancellationToken = default) => Task.Run(() =>
    {
        if (request.MinCell is < 2) throw new InputException("--min-cell", null, "--min-cell", "give a threshold of at least 2 firms (10 is a common rule)");
        if (request.Database is { } database) return AnalyzeInDatabase(request, database, progress);
        var inputs = Inputs(request.Input.Path, "the panel file").Concat(Inputs(request.Input.FlowsPath, "the flows file")).ToList();
        if (request.ReportPath is { } r) OutputFile.Check(r, "--out", request.Force, inputs);
        if (request.SpellsPath is { } sp) OutputFile.Check(sp, "--spells-out", request.Force, inputs);
        if (request.ReportPath is not null && request.SpellsPath is not null &&
            string.Equals(Path.GetFullPath(request.ReportPath), Path.GetFullPath(request.SpellsPath), StringComparison.Ordinal))
            throw new InputException(request.SpellsPath, null, "--spells-out", "--out and --spells-out name the same file");

        PanelAnalysis analysis;
        string? spells = null;
        using (var engine = new PanelEngine(request.MemoryLimit) { Progress = progress })
        {
            engine.Load(request.Input);
            cancellationToken.ThrowIfCancellationRequested();
            analysis = engine.Analyze(request.Ties, request.MinCell);
            if (request.SpellsPath is { } spellsPath)
                spells = OutputFile.Write(spellsPath, temp => engine.ExportSpellRows(Direction.Outward, temp), "--spells-out", request.Force, inputs);
        }
        string? report = null;
        if (request.ReportPath is { } reportPath)
        {
            var title = request.ReportTitle ?? "Panel analysis: " + Path.GetFileName(Path.TrimEndingDirectorySeparator(request.Input.Path));
            report = OutputFile.WriteText(reportPath, SectionedHtmlReport.Render(PanelReportBuilder.Build(analysis, title, request.Timings)),
                "--out", request.Force, inputs);
        }
        return new PanelAnalysisOutcome(analysis, report, spells);
    }, cancellationToken);

    /// <summary>The same analysis inside PostgreSQL: only counts and sums leave the database.</summary>
    private static PanelAnalysisOutcome AnalyzeInDatabase(PanelAnalysisRequest request, string database, IProgress<string>? progress)
    {
        if (request.SpellsPath is not null)
            throw new InputException("--spells-out", null, "--spells-out", "spell rows are firm-level data; with --table they stay in the database (write them there with the SQL of `twoway panel sql`)");
        if (request.MemoryLimit is not null)
            throw new InputException("--memory-limit", null, "--memory-limit", "--memory-limit sets the embedded engine's memory; with --table the database's own settings apply");
        if (request.ReportPath is { } r) OutputFile.Check(r, "--out", request.Force, []);
        var location = StudyLocation.ForPostgreSql(database);
        var analysis = PostgresPanel.Analyze(location.ConnectionString, location.Display, request.Input, request.Ties, progress, request.MinCell);
        string? report = null;
        if (request.ReportPath is { } reportPath)
            report = OutputFile.WriteText(reportPath, SectionedHtmlReport.Render(PanelReportBuilder.Build(analysis, request.ReportTitle ?? "Panel analysis: " + request.Input.Path, request.Timings)),
                "--out", request.Force, []);
        return new PanelAnalysisOutcome(analysis, report, null);
    }

    public static Task<PanelSimulationResult> SimulateAsync(PanelSimulationRequest request, IProgress<long>? progress = null,
        CancellationToken cancellationToken = default) => Task.Run(() =>
    {
        var format = PanelWriter.FormatOf(request.Out);
        var rows = PanelSimulation.Generate(request.Firms, request.Years, request.Seed, request.HazardRatio);
        string full;
        long n = 0;
        if (format == PanelFormat.PartitionedParquet)
            full = WriteFolder(request.Out, temp => n = PanelWriter.Write(rows, temp, progress));
        else
            full = OutputFile.Write(request.Out, temp => n = PanelWriter.Write(rows, temp, progress), "the output file", request.Force);
        return new PanelSimulationResult(full, format, n, request.Firms, request.Years, request.Seed, request.HazardRatio);
    }, cancellationToken);

    public static Task<SurveyAnalysisOutcome> AnalyzeSurveyAsync(SurveyAnalysisRequest request, CancellationToken cancellationToken = default) => Task.Run(() =>
    {
        var inputs = Inputs(request.Input.Path, "the survey file");
        if (request.ReportPath is { } r) OutputFile.Check(r, "--out", request.Force, inputs);
        var firms = SurveyReader.Read(request.Input);
        SurveyAnalysis analysis;
        try { analysis = SurveyAnalyses.Analyze(request.Input.Path, firms, request.Input.Covariates, request.Options); }
        catch (EstimationException ex) { throw new InputException(request.Input.Path, null, null, ex.Message); }
        string? report = null;
        if (request.ReportPath is { } reportPath)
        {
            var title = request.ReportTitle ?? "Survey analysis: " + Path.GetFileName(request.Input.Path);
            report = OutputFile.WriteText(reportPath, SectionedHtmlReport.Render(PanelReportBuilder.Build(analysis, title)), "--out", request.Force, inputs);
        }
        return new SurveyAnalysisOutcome(analysis, report);
    }, cancellationToken);

    private static IReadOnlyList<ProtectedFile> Inputs(string? path, string what) =>
        path is not null && File.Exists(path) ? ProtectedFile.Input(path, what) : [];

    /// <summary>
    /// A partitioned panel is a folder: written beside the target under a temporary name and moved
    /// into place, so a half-written panel is never left where an analysis would read it. An
    /// existing folder is never replaced or merged into (--force or not): its files would mix with the new ones.
    /// </summary>
    private static string WriteFolder(string path, Action<string> write)
    {
        var full = Path.GetFullPath(Path.TrimEndingDirectorySeparator(path));
        if (File.Exists(full))
            throw new InputException(path, null, null, "a file is there; a partitioned panel is a folder (name it FILE.csv or FILE.parquet for one file)");
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
            throw new InputException(path, null, null, "the folder already exists and is not empty; TwoWay never writes a panel into or over one (remove it or choose another name)");
        if (Path.GetDirectoryName(full) is { } parent && !Directory.Exists(parent))
            throw new InputException(path, null, null, $"the folder {parent} does not exist");
        var temp = $"{full}.tmp-{Guid.NewGuid().ToString("N")[..12]}";
        try
        {
            write(temp);
            if (Directory.Exists(full)) Directory.Delete(full); // empty, checked above
            Directory.Move(temp, full);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
        return full;
    }
}
