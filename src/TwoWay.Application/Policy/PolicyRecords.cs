using TwoWay.Policy;

namespace TwoWay.Application.Policy;

/// <summary>`policy portfolio`: the catalogue to read.</summary>
/// <param name="Catalogue">Programme catalogue file (.csv, .tsv or .xlsx; docs/policy.md).</param>
/// <param name="Sheet">For an .xlsx catalogue: the sheet to read (default: the first).</param>
/// <param name="Html">Also render the result as a self-contained HTML page (<see cref="PortfolioReport.Html"/>).</param>
public sealed record PortfolioRequest(string Catalogue, string? Sheet = null, bool Html = false);

/// <summary>
/// The portfolio of a catalogue. <see cref="Result"/> is the public JSON document of
/// `policy portfolio --json` (the core's named record <see cref="PortfolioResult"/>, keys in docs/json.md).
/// </summary>
/// <param name="Result">The portfolio analysis.</param>
/// <param name="Html">The self-contained HTML page, when asked for; the caller decides where it goes.</param>
public sealed record PortfolioReport(PortfolioResult Result, string? Html);

/// <summary>
/// The firms a catalogue is compared with: exactly one kind of population, so "which one" is
/// decided by the type rather than by checking options.
/// </summary>
public abstract record CoveragePopulation
{
    private CoveragePopulation() { }

    /// <summary>The firms of a study, with states and stages from their operations and the case analyses as of <paramref name="Year"/> (default: the study's reference year, else the latest year the data mention).</summary>
    /// <param name="Study">The study project file or PostgreSQL connection string.</param>
    /// <param name="Year">The as-of year; null: the study's reference year, else the latest year the data mention.</param>
    public sealed record StudyFirms(string Study, int? Year = null) : CoveragePopulation;

    /// <summary>A table of population groups (trader_state, outward_stage, inward_stage, firms).</summary>
    public sealed record GroupsFile(string File) : CoveragePopulation;

    /// <summary>The firms of a firm-year trade panel observed in <paramref name="Year"/> (default: the latest), read by the panel engine (DuckDB).</summary>
    /// <param name="File">CSV, Parquet or a folder of Parquet, as for `panel analyze`.</param>
    /// <param name="Year">The year whose firms are counted; null: the latest.</param>
    public sealed record PanelYear(string File, int? Year = null) : CoveragePopulation
    {
        public string FirmColumn { get; init; } = "firm_id";
        public string YearColumn { get; init; } = "year";
        public string ImportColumn { get; init; } = "import_value";
        public string ExportColumn { get; init; } = "export_value";
    }

    /// <summary>The firms of a batch self-assessment file, scored with <paramref name="Questionnaire"/> (a definition file; default: built-in).</summary>
    public sealed record AssessedFirms(string File, string? Questionnaire = null) : CoveragePopulation;
}

/// <summary>`policy coverage`: a catalogue and the population it is compared with.</summary>
/// <param name="Catalogue">Programme catalogue file.</param>
/// <param name="Population">Which firms: a study, a population table, a panel year or assessed firms.</param>
/// <param name="Sheet">For an .xlsx catalogue: the sheet to read.</param>
/// <param name="Html">Also render the portfolio and the coverage as a self-contained HTML page.</param>
public sealed record CoverageRequest(string Catalogue, CoveragePopulation Population, string? Sheet = null, bool Html = false)
{
    /// <summary>Progress of long reads (a panel), as short sentences; null for none.</summary>
    public IProgress<string>? Progress { get; init; }
}

/// <summary>
/// The coverage of a population. <see cref="Result"/> is the public JSON document of
/// `policy coverage --json` (the core's named record <see cref="CoverageResult"/>, keys in docs/json.md).
/// </summary>
public sealed record CoverageReport(CoverageResult Result, string? Html);

