using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace TwoWay.Input;

/// <summary>
/// Limits on what an input file may unpack to: every zip-based reader (XLSX, DOCX, QDPX) and every
/// XML reader (QDE, QDC and the XML parts inside those zips) enforces them through
/// <see cref="GuardedZip"/> and <see cref="LimitRead"/>, so a small hostile file (a zip bomb, XML
/// nested a million deep) ends in an <see cref="InputException"/> naming the file and the limit
/// instead of exhausting memory or the stack. The defaults are documented in docs/security.md.
/// </summary>
public sealed record ArchiveLimits
{
    /// <summary>200 MB: far above any real study file, far below the memory of a laptop.</summary>
    public const long DefaultMaxUnpackedBytes = 200L * 1024 * 1024;

    /// <summary>A workbook has a few dozen parts; a REFI-QDA project one per transcript.</summary>
    public const int DefaultMaxEntries = 10_000;

    /// <summary>Real XML compresses 5–50:1; deflate's maximum is about 1,032:1, which bombs use.</summary>
    public const int DefaultMaxCompressionRatio = 200;

    /// <summary>Entries smaller than this are not ratio-checked: a small run of blanks compresses very well and is harmless.</summary>
    public const long RatioCheckedAbove = 1024 * 1024;

    /// <summary>Word tables nest a few levels, REFI-QDA codebooks a few dozen; 256 leaves room and keeps recursive parsers off the stack limit.</summary>
    public const int DefaultMaxXmlDepth = 256;

    public static ArchiveLimits Default { get; } = new();

    public long MaxUnpackedBytes { get; init; } = DefaultMaxUnpackedBytes;
    public int MaxEntries { get; init; } = DefaultMaxEntries;
    public int MaxCompressionRatio { get; init; } = DefaultMaxCompressionRatio;
    public int MaxXmlDepth { get; init; } = DefaultMaxXmlDepth;

    /// <summary>"200 MB".</summary>
    public static string Size(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes");

    /// <summary>
    /// Wraps a plain (not zipped) input, left open, so reading more than <see cref="MaxUnpackedBytes"/> throws an
    /// <see cref="InputException"/> naming <paramref name="fileName"/>.
    /// </summary>
    public Stream LimitRead(Stream stream, string fileName) =>
        new CountingStream(stream, ownsInner: false, read => read > MaxUnpackedBytes
            ? new InputException(fileName, null, null, $"the file is larger than {Size(MaxUnpackedBytes)} (limit: {Size(MaxUnpackedBytes)})")
            : null);

    /// <summary>Settings for reading untrusted XML: no DTD (no entity expansion, no external entities), no resolver.</summary>
    public XmlReaderSettings XmlSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = MaxUnpackedBytes,
        CloseInput = false,
    };

    /// <summary>Throws when an XML element opened at <paramref name="depth"/> (root = 1) is nested too deep.</summary>
    public void CheckXmlDepth(int depth, string source)
    {
        if (depth > MaxXmlDepth)
            throw new InputException(source, null, null,
                $"the XML nests elements more than {MaxXmlDepth} levels deep (limit: {MaxXmlDepth})");
    }
}

/// <summary>
/// A zip opened under <see cref="ArchiveLimits"/>: the central directory is checked when opening
/// (entry count, declared total size, compression ratio), and every entry is counted again while it
/// is read, since a forged header can declare any size. All reads share one budget, so reading the
/// same entry twice counts twice.
/// </summary>
public sealed class GuardedZip : IDisposable
{
    private readonly ZipArchive _zip;
    private readonly string _fileName;
    private long _unpacked;

    public ArchiveLimits Limits { get; }

    private GuardedZip(ZipArchive zip, string fileName, ArchiveLimits limits)
    {
        _zip = zip;
        _fileName = fileName;
        Limits = limits;
    }

    /// <summary>
    /// Opens and checks the central directory. <paramref name="unreadable"/> is the message for a file
    /// that is no zip at all ("the file is not a readable .xlsx workbook"). The stream is left open.
    /// </summary>
    public static GuardedZip Open(Stream stream, string fileName, string unreadable, ArchiveLimits? limits = null)
    {
        limits ??= ArchiveLimits.Default;
        ZipArchive? zip = null;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            // The central directory is read on the first look at the entries.
            var guarded = new GuardedZip(zip, fileName, limits);
            guarded.CheckDirectory();
            return guarded;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or NotSupportedException)
        {
            zip?.Dispose();
            throw new InputException(fileName, null, null, $"{unreadable} ({e.Message})");
        }
        catch
        {
            zip?.Dispose();
            throw;
        }
    }

    public IReadOnlyList<ZipArchiveEntry> Entries => _zip.Entries;

    private void CheckDirectory()
    {
        var entries = _zip.Entries;
        if (entries.Count > Limits.MaxEntries)
            throw new InputException(_fileName, null, null,
                $"the archive has {entries.Count:N0} entries (limit: {Limits.MaxEntries:N0}); the file is refused");
        long declared = 0;
        foreach (var e in entries)
        {
            if (e.Length < 0) throw new InvalidDataException($"part '{e.FullName}' declares a negative size");
            declared += e.Length;
            if (declared > Limits.MaxUnpackedBytes) throw TooBig();
            if (e.Length > ArchiveLimits.RatioCheckedAbove && e.Length > (long)Limits.MaxCompressionRatio * Math.Max(1, e.CompressedLength))
                throw new InputException(Part(e.FullName), null, null,
                    $"this part is compressed {e.Length / Math.Max(1, e.CompressedLength):N0}:1 (limit: {Limits.MaxCompressionRatio}:1), as zip bombs are; the file is refused");
        }
    }

    private InputException TooBig() =>
        new(_fileName, null, null, $"the file unpacks to more than {ArchiveLimits.Size(Limits.MaxUnpackedBytes)} (limit: {ArchiveLimits.Size(Limits.MaxUnpackedBytes)} unpacked); the file is refused");

    /// <summary>Opens an entry for reading; reading past its declared size or the archive's budget throws <see cref="InputException"/>.</summary>
    public Stream Open(ZipArchiveEntry entry)
    {
        Stream inner;
        try
        {
            inner = entry.Open();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            throw Damaged(entry, e);
        }
        var declared = entry.Length;
        long counted = 0;
        return new CountingStream(inner, ownsInner: true, read =>
        {
            _unpacked += read - counted;
            counted = read;
            if (read > declared)
                return new InputException(Part(entry.FullName), null, null,
                    $"this part unpacks to more than the {declared:N0} bytes its header declares; the file is damaged or forged");
            return _unpacked > Limits.MaxUnpackedBytes ? TooBig() : null;
        }, e => Damaged(entry, e));
    }

    /// <summary>Reads a whole entry into memory, within the limits.</summary>
    public byte[] ReadAll(ZipArchiveEntry entry)
    {
        using var s = Open(entry);
        using var ms = new MemoryStream((int)Math.Min(entry.Length, 16 * 1024 * 1024));
        s.CopyTo(ms);
        return ms.ToArray();
    }

    /// <summary>
    /// Unpacks every entry once, counting, and walks every XML part (.xml, .rels, .qde) for its depth
    /// and for a DTD: for readers that hand the file to a library which does not enforce limits itself.
    /// </summary>
    public void VerifyAll()
    {
        foreach (var e in _zip.Entries)
        {
            if (e.FullName.EndsWith('/')) continue;
            using var s = Open(e);
            if (IsXml(e.FullName)) WalkXml(s, e.FullName);
            else s.CopyTo(Stream.Null);
        }
    }

    private static bool IsXml(string name) =>
        name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".qde", StringComparison.OrdinalIgnoreCase);

    private void WalkXml(Stream s, string part)
    {
        try
        {
            using var reader = XmlReader.Create(s, Limits.XmlSettings());
            while (reader.Read())
                if (reader.NodeType == XmlNodeType.Element) Limits.CheckXmlDepth(reader.Depth + 1, Part(part));
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            throw new InputException(Part(part), null, null, "the XML declares a DTD, which is refused for safety (entity expansion is disabled)");
        }
        catch (XmlException e)
        {
            throw new InputException(Part(part), null, null, $"not well-formed XML: {e.Message}");
        }
    }

    private InputException Damaged(ZipArchiveEntry entry, Exception e) =>
        new(Part(entry.FullName), null, null, $"this part cannot be read — the file is truncated or damaged ({e.Message})");

    /// <summary>"book.xlsx/xl/worksheets/sheet1.xml": errors in a part name the file and the part.</summary>
    private string Part(string entry) => $"{_fileName}/{entry}";

    public void Dispose() => _zip.Dispose();
}

/// <summary>A read-only stream that reports every byte count to a check, which may refuse by returning an exception to throw.</summary>
internal sealed class CountingStream(Stream inner, bool ownsInner, Func<long, InputException?> check, Func<Exception, InputException>? damaged = null) : Stream
{
    private long _read;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n;
        try
        {
            n = inner.Read(buffer);
        }
        catch (Exception e) when (damaged is not null && e is InvalidDataException or IOException)
        {
            throw damaged(e);
        }
        _read += n;
        if (check(_read) is { } refused) throw refused;
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && ownsInner) inner.Dispose();
        base.Dispose(disposing);
    }
}
