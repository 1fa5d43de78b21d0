using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TwoWay.Storage.Team;

/// <summary>What a member of the study may do. Absent (null) means the account is not a member.</summary>
public enum StudyRole
{
    /// <summary>Reads every page; changes nothing.</summary>
    Viewer = 0,
    /// <summary>Codes, writes memos, edits operations and the codebook.</summary>
    Coder = 1,
    /// <summary>Everything, and the members, blind coding and the comparison.</summary>
    Owner = 2,
}

/// <summary>An account of the team server: ASP.NET Core Identity's user plus its role in the study.</summary>
public sealed class TeamUser : IdentityUser
{
    public StudyRole? Role { get; set; }
    public bool Disabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastLoginAt { get; set; }
}

/// <summary>One line of the audit log: who did what, when, from where (logins, exports, role changes, accounts).</summary>
public sealed class AuditRecord
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string Actor { get; set; } = "";
    public string Action { get; set; } = "";
    public string? Subject { get; set; }
    public string? Address { get; set; }
}

/// <summary>
/// One change to the study, in the order the server made them: the per-study event log that open
/// pages follow (and catch up on after a dropped connection by the last <see cref="Seq"/> they saw).
/// </summary>
public sealed class StudyEventRecord
{
    public long Seq { get; set; }
    public DateTimeOffset At { get; set; }
    public string Actor { get; set; } = "";
    public string Kind { get; set; } = "";
    public string? SourceId { get; set; }
    public string? Detail { get; set; }
}

/// <summary>The study's team settings (one row): blind coding, and whether the owner opened the comparison.</summary>
public sealed class TeamSettingsRecord
{
    public int Id { get; set; } = 1;
    public bool Blind { get; set; }
    public bool ComparisonOpen { get; set; }
}

/// <summary>
/// The team server's tables, kept in the study's own PostgreSQL database beside the study (one
/// server serves one study: a confidential study's accounts, keys and log are backed up, restored
/// and deleted with it). Its migrations have their own history table, so <c>study pull</c> copies
/// only the study and a study file never holds a password hash.
/// </summary>
public sealed class TeamDbContext(DbContextOptions<TeamDbContext> options)
    : IdentityUserContext<TeamUser>(options), IDataProtectionKeyContext
{
    public const string HistoryTable = "__TwoWayTeamMigrations";

    public DbSet<AuditRecord> Audit => Set<AuditRecord>();
    public DbSet<StudyEventRecord> Events => Set<StudyEventRecord>();
    public DbSet<TeamSettingsRecord> Settings => Set<TeamSettingsRecord>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Options for the team tables in the database of <paramref name="connectionString"/>.</summary>
    public static DbContextOptions<TeamDbContext> Options(string connectionString) =>
        new DbContextOptionsBuilder<TeamDbContext>().UseNpgsql(connectionString, o => o.MigrationsHistoryTable(HistoryTable)).Options;

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        b.Entity<TeamUser>(e =>
        {
            e.ToTable("team_users");
            e.Property(x => x.Role).HasConversion<string>().HasMaxLength(16);
        });
        b.Entity<IdentityUserClaim<string>>().ToTable("team_user_claims");
        b.Entity<IdentityUserLogin<string>>().ToTable("team_user_logins");
        b.Entity<IdentityUserToken<string>>().ToTable("team_user_tokens");
        b.Entity<AuditRecord>(e =>
        {
            e.ToTable("team_audit");
            e.HasKey(x => x.Id);
            e.Property(x => x.Actor).HasMaxLength(256);
            e.Property(x => x.Action).HasMaxLength(64);
            e.HasIndex(x => x.At);
        });
        b.Entity<StudyEventRecord>(e =>
        {
            e.ToTable("team_events");
            e.HasKey(x => x.Seq);
            e.Property(x => x.Actor).HasMaxLength(256);
            e.Property(x => x.Kind).HasMaxLength(64);
        });
        b.Entity<TeamSettingsRecord>(e =>
        {
            e.ToTable("team_settings");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
        });
        b.Entity<DataProtectionKey>().ToTable("team_data_protection_keys");
        // snake_case columns, as in the study's tables.
        foreach (var entity in b.Model.GetEntityTypes())
            foreach (var property in entity.GetProperties())
                if (property.GetColumnName() == property.Name)
                    property.SetColumnName(StudyDbContext.SnakeCase(property.Name));
    }
}

/// <summary>Lets <c>dotnet ef migrations add … --context TeamDbContext</c> build the model without a server.</summary>
internal sealed class TeamDesignTimeFactory : IDesignTimeDbContextFactory<TeamDbContext>
{
    public TeamDbContext CreateDbContext(string[] args) => new(TeamDbContext.Options("Host=localhost;Database=design_time"));
}
