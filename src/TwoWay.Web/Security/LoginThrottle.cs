using System.Threading.RateLimiting;

namespace TwoWay.Web.Security;

/// <summary>
/// Slows password guessing before Identity's lockout: after <see cref="FailuresPerName"/> failed
/// logins for one name from one address (or <see cref="FailuresPerAddress"/> from one address for
/// any names) within <see cref="Window"/>, further attempts are answered 429 without checking the
/// password. Counted with System.Threading.RateLimiting's fixed windows, only on failures.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    public const int FailuresPerName = 5;
    public const int FailuresPerAddress = 50;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly PartitionedRateLimiter<string> _byName = Limiter(FailuresPerName);
    private readonly PartitionedRateLimiter<string> _byAddress = Limiter(FailuresPerAddress);

    private static PartitionedRateLimiter<string> Limiter(int permits) => PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = Window, QueueLimit = 0, AutoReplenishment = true }));

    private static string Key(string address, string name) => address + "\n" + name.Trim().ToUpperInvariant();

    /// <summary>Whether another attempt may be checked now.</summary>
    public bool Allows(string address, string name) =>
        _byName.GetStatistics(Key(address, name))?.CurrentAvailablePermits != 0
        && _byAddress.GetStatistics(address)?.CurrentAvailablePermits != 0;

    /// <summary>Counts a failed attempt.</summary>
    public void Failed(string address, string name)
    {
        using var a = _byName.AttemptAcquire(Key(address, name));
        using var b = _byAddress.AttemptAcquire(address);
    }

    public void Dispose()
    {
        _byName.Dispose();
        _byAddress.Dispose();
    }
}
