using System.Text;
using TwoWay.Input;
using TwoWay.Storage;

namespace TwoWay.Application.Files;

/// <summary>
/// A file a command reads and must therefore never write over: the study file, a catalogue, an
/// answers file. <paramref name="What"/> names it in the refusal ("the study file").
/// </summary>
public sealed record ProtectedFile(string Path, string What)
{
    /// <summary>
    /// The study's file and its SQLite sidecars (-wal, -shm, -journal); nothing for a PostgreSQL
    /// study or an unreadable location (there is no file to protect).
    /// </summary>
    public static IReadOnlyList<ProtectedFile> Study(string location)
    {
        string? file;
        try { file = StudyLocation.Parse(location).FilePath; }
        catch (InputException) { return []; }
        return file is null ? [] :
            [new(file, "the study file"), new(file + "-wal", "the study file"), new(file + "-shm", "the study file"), new(file + "-journal", "the study file")];
    }

    /// <summary>An input file of the command, e.g. <c>new ProtectedFile(catalogue, "the catalogue")</c>; null gives none.</summary>
    public static IReadOnlyList<ProtectedFile> Input(string? path, string what) => path is null ? [] : [new(path, what)];
}

/// <summary>
/// THE way TwoWay writes an output file (reports, exports, templates): checked first, then written
/// to a temporary file in the same folder and moved into place, so a reader never sees half a file
/// and a failed write leaves the old file untouched. The temporary file is deleted on every path.
/// Rules: the folder must exist; an existing target is refused unless <c>force</c>; the study file
/// and every input file of the same command are refused ALWAYS, force or not (paths compared after
/// <see cref="Path.GetFullPath(string)"/>). Refusals are <see cref="InputException"/>s naming the
/// path and the option.
/// </summary>
public static class OutputFile
{
    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>
    /// Checks that <paramref name="path"/> may be written; returns its full path. Call it before
    /// doing the work whose result is written, so a refused target costs nothing.
    /// </summary>
    /// <param name="path">The target as the user gave it.</param>
    /// <param name="option">The option that named it (<c>--out</c>: also the error's field), or for an argument a name such as "the export file".</param>
    /// <param name="force">Whether an existing file may be replaced (never a protected one).</param>
    /// <param name="inputs">The files this command reads.</param>
    /// <exception cref="InputException">The target is a protected file, a folder, exists without force, or its folder does not exist.</exception>
    public static string Check(string path, string option, bool force, IEnumerable<ProtectedFile>? inputs = null)
    {
        // An option (--out) is named as the field; a positional argument (<file>) only in the message.
        var field = option.StartsWith('-') ? option : null;
        if (string.IsNullOrWhiteSpace(path)) throw new InputException(option, null, field, "an output file is required");
        var full = Path.GetFullPath(path);
        foreach (var input in inputs ?? [])
            if (string.Equals(Path.GetFullPath(input.Path), full, PathComparison))
                throw new InputException(path, null, field, $"{option} would overwrite {input.What}; choose another file");
        if (Directory.Exists(full))
            throw new InputException(path, null, field, "is a folder; give a file name");
        if (Path.GetDirectoryName(full) is { } dir && !Directory.Exists(dir))
            throw new InputException(path, null, field, $"the folder {dir} does not exist");
        if (File.Exists(full) && IsDatabase(full))
            throw new InputException(path, null, field, $"{option} names a database file (a study?); TwoWay never writes an output over one, --force or not");
        if (!force && File.Exists(full))
            throw new InputException(path, null, field, "the file already exists; choose another name or pass --force to overwrite it");
        return full;
    }

    /// <summary>True for a SQLite database (a study, whatever its name): no output of TwoWay is one.</summary>
    private static bool IsDatabase(string path)
    {
        try
        {
            Span<byte> head = stackalloc byte[16];
            using var f = File.OpenRead(path);
            return f.Read(head) == 16 && head.SequenceEqual("SQLite format 3\0"u8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Checks the target (<see cref="Check"/>), lets <paramref name="write"/> write the content to a
    /// temporary path in the same folder (same extension, so writers that choose a format by it
    /// still do), then moves it onto the target. Returns the target's full path.
    /// </summary>
    public static string Write(string path, Action<string> write, string option, bool force, IEnumerable<ProtectedFile>? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(write);
        var protectedInputs = inputs?.ToList() ?? [];
        var full = Check(path, option, force, protectedInputs);
        var temp = Path.Combine(Path.GetDirectoryName(full)!,
            $"{Path.GetFileNameWithoutExtension(full)}.tmp-{Guid.NewGuid().ToString("N")[..12]}{Path.GetExtension(full)}");
        try
        {
            write(temp);
            // Checked again just before the move: a file that appeared meanwhile is not replaced silently.
            Check(path, option, force, protectedInputs);
            File.Move(temp, full, overwrite: force);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        return full;
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte-order mark) by the rules of <see cref="Write"/>.</summary>
    public static string WriteText(string path, string text, string option, bool force, IEnumerable<ProtectedFile>? inputs = null) =>
        Write(path, temp => File.WriteAllText(temp, text, new UTF8Encoding(false)), option, force, inputs);

    /// <inheritdoc cref="WriteText"/>
    public static async Task<string> WriteTextAsync(string path, string text, string option, bool force,
        IEnumerable<ProtectedFile>? inputs = null, CancellationToken cancellationToken = default)
    {
        var protectedInputs = inputs?.ToList() ?? [];
        return await Task.Run(() => WriteText(path, text, option, force, protectedInputs), cancellationToken).ConfigureAwait(false);
    }
}
