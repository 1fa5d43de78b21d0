namespace TwoWay.Qualitative.Files.Refi;

/// <summary>
/// How a tool counted startPosition/endPosition in its plain text. TwoWay stores UTF-16 code units
/// (C# string indices); the others are mapped on import.
/// </summary>
public enum OffsetConvention
{
    /// <summary>UTF-16 code units, CRLF as 2 — NVivo, MAXQDA, TwoWay itself.</summary>
    Utf16,
    /// <summary>UTF-16 code units but CRLF counted as one character — ATLAS.ti.</summary>
    CrlfAsOne,
    /// <summary>Unicode code points (Python string indices) — qc, QualCoder, Taguette.</summary>
    CodePoints,
}

public static class Offsets
{
    /// <summary>Guesses the convention from the project's origin attribute; UTF-16 when unknown.</summary>
    public static OffsetConvention FromOrigin(string? origin)
    {
        var o = origin ?? "";
        if (o.Contains("ATLAS.ti", StringComparison.OrdinalIgnoreCase)) return OffsetConvention.CrlfAsOne;
        if (o.StartsWith("qc ", StringComparison.OrdinalIgnoreCase) || o.Contains("QualCoder", StringComparison.OrdinalIgnoreCase)
            || o.Contains("Taguette", StringComparison.OrdinalIgnoreCase)) return OffsetConvention.CodePoints;
        return OffsetConvention.Utf16;
    }

    /// <summary>
    /// Maps positions in <paramref name="convention"/> to UTF-16 indices of <paramref name="text"/>:
    /// result[p] is the index of the p-th counted character (result[count] = text.Length). Null when
    /// the mapping is the identity (no CRLF / no surrogate pairs), which is the common case.
    /// </summary>
    public static int[]? Map(string text, OffsetConvention convention)
    {
        if (convention == OffsetConvention.Utf16) return null;
        if (convention == OffsetConvention.CrlfAsOne && !text.Contains("\r\n", StringComparison.Ordinal)) return null;
        if (convention == OffsetConvention.CodePoints && !text.Any(char.IsSurrogate)) return null;
        var map = new List<int>(text.Length + 1);
        for (var i = 0; i < text.Length; i++)
        {
            map.Add(i);
            if (convention == OffsetConvention.CrlfAsOne && text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            else if (convention == OffsetConvention.CodePoints && char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
        }
        map.Add(text.Length);
        return map.ToArray();
    }

    /// <summary>The inverse of <see cref="Map"/>, for writing positions in another tool's convention.</summary>
    public static int ToConvention(int utf16Index, int[]? map)
    {
        if (map is null) return utf16Index;
        var i = Array.BinarySearch(map, utf16Index);
        return i >= 0 ? i : ~i;
    }
}
