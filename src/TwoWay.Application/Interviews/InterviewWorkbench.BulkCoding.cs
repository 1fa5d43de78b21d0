using System.Globalization;
using TwoWay.Input;
using TwoWay.Interchange.Tables;
using TwoWay.Qualitative;

namespace TwoWay.Application.Interviews;

/// <summary>
/// <c>code import</c>: a spreadsheet of codings (one per row). <paramref name="File"/> is CSV, TSV or
/// XLSX; <paramref name="Coder"/> is used for rows whose coder cell is empty.
/// </summary>
public sealed record CodingImportRequest(string File, string? Coder = null);

/// <summary>The <c>code import --json</c> document: the file, how many codings it added, and each as a quotation in file order.</summary>
public sealed record CodingsImported(string File, int Codings, IReadOnlyList<Quotation> Quotations);

// Bulk coding: the rows of a table file, each checked as `code` checks one, stored all or nothing.
public sealed partial class InterviewWorkbench
{
    /// <summary>The columns of a codings file, in the order a template writes them.</summary>
    public static readonly IReadOnlyList<ColumnSpec> CodingColumns =
    [
        new("source", true, "The transcript: its name (as in 'twoway sources list') or its id.", "RS-01-r1"),
        new("code", true, "The code's path from the top of the codebook, or its GUID.", "Mechanisms/Learning"),
        new("phrase", false, "The coded passage, quoted exactly as it occurs once in the transcript (give this or start and end).", "We started by importing Kessler castings"),
        new("start", false, "Instead of a phrase: the first position (UTF-16 units from 0, as in --json output).", "120"),
        new("end", false, "With start: the position after the last coded character.", "161"),
        new("coder", false, "Who coded it (default: --coder).", "bob"),
        new("memo", false, "A memo on the coding.", "first mention of the supplier"),
    ];

    /// <summary>
    /// Reads a codings file and adds every row's coding in one transaction, or none: every bad row
    /// is reported with the file, its row and the column (an unknown source or code, a phrase that
    /// does not occur once, a span out of bounds, an overlap with the same code and coder).
    /// </summary>
    public Task<CodingsImported> ImportCodingsAsync(CodingImportRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var table = TableReader.Read(request.File);
        var errors = new InputErrorCollector();
        foreach (var column in new[] { "source", "code" }.Where(c => !table.HasColumn(c)))
            errors.Add(table.Source, null, column, $"the column '{column}' is missing (a codings file has source, code, phrase or start and end, coder, memo)");
        if (!table.HasColumn("phrase") && !(table.HasColumn("start") && table.HasColumn("end")))
            errors.Add(table.Source, null, "phrase", "give the passages in a 'phrase' column or in 'start' and 'end' columns");
        if (table.Rows.Count == 0) errors.Add(table.Source, null, null, "the file has no codings");
        errors.ThrowIfAny();

        return EditAsync(s =>
        {
            var project = s.Project;
            var added = new List<(Coding Coding, Source Source)>();
            foreach (var row in table.Rows)
            {
                // Each row is checked alone and against the rows before it, so one file holding a
                // passage twice is refused like coding it twice at the prompt.
                if (Row(project, row, request.Coder, table.Source, errors) is not { } c) continue;
                try
                {
                    project = project.AddCoding(c.Coding);
                    added.Add(c);
                }
                catch (InputException e)
                {
                    foreach (var x in e.Errors) errors.Add(table.Source, row.Number, x.Field is "span" or "start" ? PassageField(row) : x.Field, x.Message);
                }
            }
            errors.ThrowIfAny();
            return (project, new CodingsImported(table.Source, added.Count, added.Select(a => Quotations.Of(project.Codebook, a.Source, a.Coding)).ToList()));
        }, ct);
    }

    private static string PassageField(TableRow row) => row["phrase"] is not null ? "phrase" : "start";

    private static (Coding Coding, Source Source)? Row(QualitativeProject p, TableRow row, string? defaultCoder, string file, InputErrorCollector errors)
    {
        var failed = false;
        void Fail(string field, string message) { failed = true; errors.Add(file, row.Number, field, message); }
        T? Try<T>(string field, Func<T> find) where T : class
        {
            try { return find(); }
            catch (InputException e) { foreach (var x in e.Errors) Fail(field, x.Message); return null; }
        }

        var source = row["source"] is { } s ? Try("source", () => WorkbenchLookup.FindSource(p, s)) : null;
        if (row["source"] is null) Fail("source", "the transcript is empty");
        var code = row["code"] is { } k ? Try("code", () => WorkbenchLookup.FindCode(p, k)) : null;
        if (row["code"] is null) Fail("code", "the code is empty");
        var coder = row["coder"] ?? defaultCoder;
        if (string.IsNullOrWhiteSpace(coder)) Fail("coder", "no coder: fill the coder column or pass --coder");

        TextSpan? span = null;
        var phrase = row["phrase"];
        var (start, end) = (row["start"], row["end"]);
        if (phrase is not null && (start is not null || end is not null))
            Fail("phrase", "give a phrase or start and end, not both");
        else if (phrase is not null && source is not null)
        {
            try { span = TextSearch.LocateUnique(source.Text, phrase, source.Name); }
            catch (InputException e) { foreach (var x in e.Errors) Fail("phrase", x.Message); }
        }
        else if (phrase is null && (start is null || end is null))
            Fail(start is null ? "start" : "end", "give the passage: a phrase, or start and end");
        else if (phrase is null)
        {
            if (!int.TryParse(start, NumberStyles.None, CultureInfo.InvariantCulture, out var a)) Fail("start", $"'{start}' is not a position (a whole number from 0)");
            else if (!int.TryParse(end, NumberStyles.None, CultureInfo.InvariantCulture, out var b)) Fail("end", $"'{end}' is not a position (a whole number from 0)");
            else if (b <= a) Fail("end", $"the end ({b}) must come after the start ({a})");
            else if (source is not null && b > source.Text.Length) Fail("end", $"{b} is past the end of {source.Name} ({source.Text.Length} UTF-16 units)");
            else span = new TextSpan(a, b);
        }
        if (failed || source is null || code is null || span is null) return null;
        return (new Coding(Guid.NewGuid(), source.Id, code.Id, span.Value, coder!, row["memo"]), source);
    }
}
