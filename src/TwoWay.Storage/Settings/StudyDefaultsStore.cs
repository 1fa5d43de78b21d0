using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TwoWay.Domain;
using TwoWay.Input;

namespace TwoWay.Storage.Settings;

/// <summary>
/// What a study decides once for all its analyses. <paramref name="AsOfYear"/>: the reference year
/// every analysis, report and guide uses when none is given (null: the latest year in the data).
/// </summary>
public sealed record StudyDefaults(int? AsOfYear)
{
    /// <summary>A study with nothing decided: every default follows the data.</summary>
    public static readonly StudyDefaults None = new((int?)null);
}

/// <summary>Row of table <c>study_settings</c>: one named setting of the study as text (so new settings need no migration).</summary>
internal sealed class StudySettingRecord
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}

internal sealed class StudySettingConfiguration : IEntityTypeConfiguration<StudySettingRecord>
{
    public void Configure(EntityTypeBuilder<StudySettingRecord> b)
    {
        b.ToTable("study_settings");
        b.HasKey(s => s.Key);
        b.Property(s => s.Key).HasMaxLength(64);
        b.Property(s => s.Value).HasMaxLength(400).IsRequired();
    }
}

/// <summary>Reading and changing a study's <see cref="StudyDefaults"/>.</summary>
public static class StudyDefaultsStore
{
    private const string AsOfYearKey = "as_of_year";

    /// <summary>The study's defaults (<see cref="StudyDefaults.None"/> for a study that set none).</summary>
    public static async Task<StudyDefaults> LoadDefaultsAsync(this Study study, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(study);
        await using var db = study.CreateDbContext();
        var rows = await db.Set<StudySettingRecord>().AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken).ConfigureAwait(false);
        return new StudyDefaults(rows.TryGetValue(AsOfYearKey, out var year) ? ReadYear(study, year) : null);
    }

    /// <summary>Stores <paramref name="defaults"/> (a null value removes that setting), in one transaction.</summary>
    /// <exception cref="InputException">The as-of year is outside the years TwoWay handles; nothing was stored.</exception>
    public static async Task SaveDefaultsAsync(this Study study, StudyDefaults defaults, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(defaults);
        if (defaults.AsOfYear is { } y && (y < YearMonth.MinYear || y > YearMonth.MaxYear))
            throw new InputException(study.Location.Display, null, "--as-of", $"{y} is not a year TwoWay handles ({YearMonth.MinYear}–{YearMonth.MaxYear})");
        await using var db = study.CreateDbContext();
        await using var tx = await Study.BeginWriteAsync(db, cancellationToken).ConfigureAwait(false);
        var stored = await db.Set<StudySettingRecord>().FirstOrDefaultAsync(s => s.Key == AsOfYearKey, cancellationToken).ConfigureAwait(false);
        if (defaults.AsOfYear is { } year)
        {
            var text = year.ToString(CultureInfo.InvariantCulture);
            if (stored is null) db.Add(new StudySettingRecord { Key = AsOfYearKey, Value = text });
            else { stored.Value = text; db.Update(stored); } // contexts do not track by default
        }
        else if (stored is not null) db.Remove(stored);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private const string DecisionPrefix = "suggestion:";

    /// <summary>
    /// The decisions taken on suggested operations (<c>twoway suggest accept|reject</c>), by
    /// suggestion id: "rejected", or "accepted:OPERATION_ID". Kept in the settings table: they are
    /// the study's memory of what the researcher has already judged, not case data.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> LoadSuggestionDecisionsAsync(this Study study, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(study);
        await using var db = study.CreateDbContext();
        var rows = await db.Set<StudySettingRecord>().AsNoTracking().Where(s => s.Key.StartsWith(DecisionPrefix)).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Key[DecisionPrefix.Length..], r => r.Value, StringComparer.Ordinal);
    }

    /// <summary>Stores the decision on one suggestion (replacing an earlier one), in one transaction.</summary>
    public static async Task SaveSuggestionDecisionAsync(this Study study, string suggestionId, string decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(study);
        await using var db = study.CreateDbContext();
        await using var tx = await Study.BeginWriteAsync(db, cancellationToken).ConfigureAwait(false);
        var key = DecisionPrefix + suggestionId;
        var stored = await db.Set<StudySettingRecord>().FirstOrDefaultAsync(s => s.Key == key, cancellationToken).ConfigureAwait(false);
        if (stored is null) db.Add(new StudySettingRecord { Key = key, Value = decision });
        else { stored.Value = decision; db.Update(stored); }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    // A value written by hand into the database is still read strictly: a wrong year is reported, never guessed.
    private static int ReadYear(Study study, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y >= YearMonth.MinYear && y <= YearMonth.MaxYear
            ? y
            : throw new InputException(study.Location.Display, null, "study_settings.as_of_year", $"'{text}' is not a year; set it again with 'twoway study settings {study.Location.Display} --as-of YEAR'");
}
