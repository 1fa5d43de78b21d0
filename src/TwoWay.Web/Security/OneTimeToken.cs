using System.Security.Cryptography;
using System.Text;

namespace TwoWay.Web.Security;

/// <summary>
/// The secret in the URL <c>twoway serve</c> prints: 256 random bits, compared in constant time and
/// usable once. Exchanging it sets the session cookie; afterwards the URL opens nothing, so a link
/// left in a shell history or a shared screen does not open the study.
/// </summary>
public sealed class OneTimeToken
{
    private readonly byte[] _value;
    private int _used;

    public OneTimeToken() : this(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')) { }

    internal OneTimeToken(string text)
    {
        Text = text;
        _value = Encoding.UTF8.GetBytes(text);
    }

    /// <summary>The token as it appears in the URL (URL-safe base64).</summary>
    public string Text { get; }

    /// <summary>True exactly once: for the first presented value equal to the token.</summary>
    public bool TryRedeem(string? presented)
    {
        if (presented is null) return false;
        var bytes = Encoding.UTF8.GetBytes(presented);
        // FixedTimeEquals needs equal lengths to be constant-time; a wrong length reveals only that.
        if (bytes.Length != _value.Length || !CryptographicOperations.FixedTimeEquals(bytes, _value)) return false;
        return Interlocked.Exchange(ref _used, 1) == 0;
    }
}
