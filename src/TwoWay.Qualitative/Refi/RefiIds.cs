using System.Security.Cryptography;
using System.Text;

namespace TwoWay.Qualitative.Files.Refi;

/// <summary>Deterministic GUIDs, so an export is the same every time and ids from other tools map stably.</summary>
internal static class RefiIds
{
    /// <summary>A name-based GUID (RFC 9562 version 5 layout over SHA-1) in TwoWay's own namespace.</summary>
    public static Guid Derived(string kind, string value)
    {
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes("twoway:" + kind + ":" + value));
        var b = hash.AsSpan(0, 16).ToArray();
        b[6] = (byte)((b[6] & 0x0F) | 0x50);
        b[8] = (byte)((b[8] & 0x3F) | 0x80);
        return new Guid(b, bigEndian: true);
    }

    public static Guid Derived(string kind, Guid value) => Derived(kind, value.ToString("D"));

    public static bool TryParse(string? raw, out Guid guid) => Guid.TryParse(raw?.Trim(), out guid) && guid != Guid.Empty;

    public static string Format(Guid g) => g.ToString("D").ToUpperInvariant();
}
