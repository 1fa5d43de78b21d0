using TwoWay.Storage;

namespace TwoWay.Application.Cases;

/// <summary>
/// How the case and report services open a study: one open per unit of work, through this one
/// seam, so tests can count the opens of a use case (<see cref="Opened"/>).
/// </summary>
internal static class StudyAccess
{
    /// <summary>Test hook: called with the location each time a study is opened in this async flow.</summary>
    internal static readonly AsyncLocal<Action<string>?> Opened = new();

    public static async Task<Study> OpenAsync(string location, CancellationToken cancellationToken)
    {
        var study = await Study.OpenAsync(location, cancellationToken).ConfigureAwait(false);
        Opened.Value?.Invoke(location);
        return study;
    }
}
