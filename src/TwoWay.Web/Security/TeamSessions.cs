using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace TwoWay.Web.Security;

/// <summary>
/// The team server's session rules beside Identity's: a session records when its person signed in
/// (a claim kept when the security stamp check renews the cookie) and ends a fixed time after it,
/// however active it was (ASVS 7.3.2); the idle timeout is the cookie's sliding expiry (7.3.1).
/// </summary>
internal static class TeamSessions
{
    public const string SignedInAt = "twoway:signed_in_at";

    public static Claim SignInClaim(DateTimeOffset at) =>
        new(SignedInAt, at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64);

    public static bool Expired(ClaimsPrincipal? principal, TimeSpan lifetime)
    {
        var at = principal?.FindFirst(SignedInAt)?.Value;
        // A session without the claim was not made by the login page: it is not honoured.
        if (at is null || !long.TryParse(at, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)) return true;
        return DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeSeconds(seconds) > lifetime;
    }

    public static Task KeepSignInTime(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(SignedInAt) is { } claim && context.NewPrincipal?.Identity is ClaimsIdentity identity
            && identity.FindFirst(SignedInAt) is null)
            identity.AddClaim(new Claim(claim.Type, claim.Value, claim.ValueType));
        return Task.CompletedTask;
    }
}
