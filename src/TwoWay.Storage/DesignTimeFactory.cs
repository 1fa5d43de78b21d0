using Microsoft.EntityFrameworkCore.Design;

namespace TwoWay.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a real study.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<StudyDbContext>
{
    public StudyDbContext CreateDbContext(string[] args) =>
        new(StudyLocation.Parse(args.FirstOrDefault() ?? "design-time.twoway").Options());
}
