using System.IO.Compression;
using System.Text;

namespace TwoWay.Fuzz.Tests;

/// <summary>The ways a valid file is broken. Zip-only mutations fall back to byte flips on plain files.</summary>
public enum Mutation
{
    FlipBytes,
    Truncate,
    InsertControlCharacters,
    DuplicateEntry,
    HugeDeclaredSize,
    DeepNesting,
    ReplaceEntryWithGarbage,
}

/// <summary>
/// Applies a <see cref="Mutation"/> to the bytes of a valid file. Everything random comes from one
/// seed, so a failing case is replayed from (mutation, seed) alone.
/// </summary>
public static class Mutator
{
    public static byte[] Apply(byte[] file, Mutation mutation, int seed)
    {
        var random = new Random(seed);
        var isZip = file.Length > 4 && file[0] == 'P' && file[1] == 'K';
        return mutation switch
        {
            Mutation.FlipBytes => FlipBytes(file, random),
            Mutation.Truncate => file[..random.Next(file.Length)],
            Mutation.InsertControlCharacters => InsertControls(file, random),
            Mutation.DuplicateEntry when isZip => RewriteZip(file, random, duplicate: true),
            Mutation.HugeDeclaredSize when isZip => ForgeSize(file, random),
            Mutation.DeepNesting when isZip => RewriteZip(file, random, nest: true),
            Mutation.DeepNesting => Nest(file, random),
            Mutation.ReplaceEntryWithGarbage when isZip => RewriteZip(file, random, garbage: true),
            _ => FlipBytes(file, random),
        };
    }

    private static byte[] FlipBytes(byte[] file, Random random)
    {
        var copy = (byte[])file.Clone();
        for (var n = random.Next(1, 16); n > 0 && copy.Length > 0; n--)
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        return copy;
    }

    private static byte[] InsertControls(byte[] file, Random random)
    {
        var list = file.ToList();
        for (var n = random.Next(1, 4); n > 0; n--)
            list.Insert(random.Next(list.Count + 1), (byte)random.Next(0, 32));
        return [.. list];
    }

    /// <summary>Overwrites the declared uncompressed size of one local or central header with a random, often huge, value.</summary>
    private static byte[] ForgeSize(byte[] file, Random random)
    {
        var copy = (byte[])file.Clone();
        var headers = new List<(int At, int SizeOffset)>();
        for (var i = 0; i + 30 < copy.Length; i++)
        {
            var sig = BitConverter.ToUInt32(copy, i);
            if (sig == 0x04034b50) headers.Add((i, 22));
            else if (sig == 0x02014b50 && i + 46 < copy.Length) headers.Add((i, 24));
        }
        if (headers.Count == 0) return FlipBytes(file, random);
        uint[] sizes = [0, 1, 1000, uint.MaxValue, (uint)random.Next(), 0xFFFFFFFE];
        for (var n = random.Next(1, 3); n > 0; n--)
        {
            var (at, offset) = headers[random.Next(headers.Count)];
            BitConverter.TryWriteBytes(copy.AsSpan(at + offset), sizes[random.Next(sizes.Length)]);
        }
        return copy;
    }

    /// <summary>Rebuilds the zip with one entry duplicated, replaced by garbage, or with its XML nested deep.</summary>
    private static byte[] RewriteZip(byte[] file, Random random, bool duplicate = false, bool nest = false, bool garbage = false)
    {
        List<(string Name, byte[] Data)> entries;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(file), ZipArchiveMode.Read);
            entries = zip.Entries.Select(e =>
            {
                using var s = e.Open();
                using var ms = new MemoryStream();
                s.CopyTo(ms);
                return (e.FullName, ms.ToArray());
            }).ToList();
        }
        catch (InvalidDataException)
        {
            return FlipBytes(file, random);
        }
        if (entries.Count == 0) return file;
        var pick = random.Next(entries.Count);
        var (name, data) = entries[pick];
        if (duplicate) entries.Insert(random.Next(entries.Count + 1), (name, random.Next(2) == 0 ? data : FlipBytes(data, random)));
        if (nest) entries[pick] = (name, Nest(data, random));
        if (garbage) entries[pick] = (name, Enumerable.Range(0, random.Next(1, 4096)).Select(_ => (byte)random.Next(256)).ToArray());
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (n, d) in entries)
                using (var s = zip.CreateEntry(n).Open())
                    s.Write(d);
        return output.ToArray();
    }

    /// <summary>Wraps the content of the first element in up to 3,000 nested elements (the limit is 256).</summary>
    private static byte[] Nest(byte[] xml, Random random)
    {
        var text = Encoding.UTF8.GetString(xml);
        // In a codebook, nest codes inside <Codes>, where the code depth limit applies too.
        var codes = text.IndexOf("<Codes>", StringComparison.Ordinal);
        var start = codes >= 0 ? codes : text.IndexOf('<');
        while (start >= 0 && start + 1 < text.Length && text[start + 1] is '?' or '!') start = text.IndexOf('<', start + 1);
        var close = start < 0 ? -1 : text.IndexOf('>', start);
        if (close < 0) return xml;
        var depth = random.Next(2) == 0 ? random.Next(1, 300) : random.Next(300, 3000);
        var tag = random.Next(2) == 0 ? "Code" : "x";
        var inner = string.Concat(Enumerable.Repeat($"<{tag} name=\"n\">", depth)) + string.Concat(Enumerable.Repeat($"</{tag}>", depth));
        return Encoding.UTF8.GetBytes(text[..(close + 1)] + inner + text[(close + 1)..]);
    }
}
