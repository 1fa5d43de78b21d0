namespace TwoWay.Qualitative;

/// <summary>One cell: how often a code was applied in a case's transcripts, in how many of them, and the passages.</summary>
public sealed record MatrixCell(string Case, int Codings, int Sources, IReadOnlyList<Quotation> Quotations);

/// <summary>One row of the matrix: a code and its cells, one per case (same order as <see cref="CodeCaseMatrixResult.Cases"/>).</summary>
public sealed record MatrixRow(Guid CodeId, string CodePath, int Total, IReadOnlyList<MatrixCell> Cells);

/// <summary>
/// Code × case matrix (Miles, Huberman &amp; Saldaña 2014, ch. 6 "case-ordered" displays; the
/// "framework matrix" of Ritchie &amp; Spencer 1994 when cells carry the quotations).
/// </summary>
public sealed record CodeCaseMatrixResult(int? Round, bool WithQuotations, IReadOnlyList<string> Cases, IReadOnlyList<MatrixRow> Rows)
{
    /// <summary>Whose codings are counted (every coder unless one was asked for).</summary>
    public IReadOnlyList<string> Coders { get; init; } = [];
}

public static class CodeCaseMatrix
{
    /// <summary>Column name for transcripts not yet attached to a case.</summary>
    public const string NoCase = "(no case)";

    /// <summary>
    /// Counts codings per code (rows, codebook order) and case (columns, ordinal order); a coding
    /// counts once in the row of the code it was applied with. With <paramref name="withQuotations"/>
    /// each cell also lists its passages (the framework matrix). <paramref name="round"/> keeps only
    /// transcripts of that interview round.
    /// </summary>
    /// <param name="project">The workbench.</param>
    /// <param name="round">Only transcripts of this round; null for all.</param>
    /// <param name="withQuotations">Also list each cell's quotations (the framework matrix).</param>
    /// <param name="coder">Only this coder's codings; null for every coder's (a passage two coders coded then counts twice).</param>
    public static CodeCaseMatrixResult Compute(QualitativeProject project, int? round = null, bool withQuotations = false, string? coder = null)
    {
        var sources = project.Sources.Where(s => round is null || s.Round == round).ToDictionary(s => s.Id);
        var cases = sources.Values.Select(CaseOf).Distinct().Order(StringComparer.Ordinal).ToList();
        var caseIndex = cases.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var book = project.Codebook;

        var counts = new Dictionary<Guid, int[]>();
        var sourceSets = new Dictionary<(Guid, int), HashSet<Guid>>();
        var quotes = withQuotations ? new Dictionary<(Guid, int), List<Quotation>>() : null;
        foreach (var c in project.Codings)
        {
            if (!sources.TryGetValue(c.SourceId, out var s) || (coder is not null && c.Coder != coder)) continue;
            var col = caseIndex[CaseOf(s)];
            if (!counts.TryGetValue(c.CodeId, out var row)) counts[c.CodeId] = row = new int[cases.Count];
            row[col]++;
            var key = (c.CodeId, col);
            if (!sourceSets.TryGetValue(key, out var set)) sourceSets[key] = set = [];
            set.Add(s.Id);
            if (quotes is not null)
            {
                if (!quotes.TryGetValue(key, out var q)) quotes[key] = q = [];
                q.Add(Quotations.Of(book, s, c));
            }
        }

        var rows = book.Codes.Select(code =>
        {
            var row = counts.GetValueOrDefault(code.Id) ?? new int[cases.Count];
            var cells = cases.Select((name, i) => new MatrixCell(name, row[i],
                sourceSets.GetValueOrDefault((code.Id, i))?.Count ?? 0,
                quotes?.GetValueOrDefault((code.Id, i))?.OrderBy(q => q.SourceName, StringComparer.Ordinal).ThenBy(q => q.Start).ToList() ?? [])).ToList();
            return new MatrixRow(code.Id, book.PathText(code.Id), row.Sum(), cells);
        }).ToList();
        return new CodeCaseMatrixResult(round, withQuotations, cases, rows);
    }

    private static string CaseOf(Source s) => s.Case?.Value ?? NoCase;
}
