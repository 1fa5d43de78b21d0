using TwoWay.Storage;

namespace TwoWay.Application.Studies;

/// <summary>What <c>twoway migrate</c> did: the study (as displayed, no secrets) and the schema steps applied.</summary>
/// <param name="Study">The study's display name (never a password).</param>
/// <param name="Applied">The migrations applied, oldest first; empty when the study was up to date.</param>
public sealed record MigrationResult(string Study, IReadOnlyList<string> Applied);

/// <summary>
/// Brings a study's schema up to this version of TwoWay: the explicit step a server database needs
/// (a laptop file is migrated on opening, after a backup copy). A study from a newer version is refused.
/// </summary>
public static class StudyMigration
{
    public static Task<MigrationResult> MigrateAsync(string study, CancellationToken cancellationToken = default) =>
        Task.Run(() =>
        {
            var applied = Study.Migrate(study);
            // A team server's tables (accounts, audit, events) are upgraded with the study they serve.
            var team = Storage.Team.TeamStore.Migrate(StudyLocation.Parse(study));
            return new MigrationResult(StudyLocation.Parse(study).Display, [.. applied, .. team]);
        }, cancellationToken);
}
