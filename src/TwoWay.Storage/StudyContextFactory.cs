using Microsoft.EntityFrameworkCore;

namespace TwoWay.Storage;

/// <summary>Makes one context per unit of work on a study (the pattern a server needs: contexts are not shared).</summary>
internal sealed class StudyContextFactory(DbContextOptions<StudyDbContext> options) : IDbContextFactory<StudyDbContext>
{
    public StudyDbContext CreateDbContext() => new(options);
}
