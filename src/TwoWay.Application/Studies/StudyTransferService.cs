using TwoWay.Storage;

namespace TwoWay.Application.Studies;

/// <summary>One table of a study copy.</summary>
/// <param name="Table">The table's name in the study schema (e.g. <c>qual_codings</c>).</param>
/// <param name="Rows">Rows copied; the target was counted to hold exactly these before the copy was committed.</param>
public sealed record StudyTableCopy(string Table, int Rows);

/// <summary>What <c>twoway study push</c> / <c>pull</c> did.</summary>
/// <param name="From">The source study's display name (never a password).</param>
/// <param name="To">The target study's display name (never a password).</param>
/// <param name="Tables">Every table of the study, in the order copied.</param>
/// <param name="Rows">All rows copied.</param>
public sealed record StudyCopyResult(string From, string To, IReadOnlyList<StudyTableCopy> Tables, int Rows);

/// <summary>
/// Moves a study between a laptop file and a PostgreSQL database (either way) without loss: the
/// team server's <c>push</c> and <c>pull</c>. The target must be new or empty; the copy is one
/// transaction, so it is there whole or not at all.
/// </summary>
public static class StudyTransferService
{
    public static async Task<StudyCopyResult> CopyAsync(string from, string to, IProgress<StudyTableCopy>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var tables = await StudyTransfer.CopyAsync(from, to,
            progress is null ? null : new Progress(progress), cancellationToken);
        var copies = tables.Select(t => new StudyTableCopy(t.Table, t.Rows)).ToList();
        return new StudyCopyResult(StudyLocation.Parse(from).Display, StudyLocation.Parse(to).Display, copies, copies.Sum(t => t.Rows));
    }

    /// <summary>Forwards storage progress synchronously (System.Progress would post it to the thread pool, out of order).</summary>
    private sealed class Progress(IProgress<StudyTableCopy> inner) : IProgress<TableTransfer>
    {
        public void Report(TableTransfer value) => inner.Report(new StudyTableCopy(value.Table, value.Rows));
    }
}
