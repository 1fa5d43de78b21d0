global using DemoInterviewsSummary = TwoWay.Application.Interviews.DemoInterviewsSummary;
using TwoWay.Application.Interviews;
using TwoWay.Storage;

namespace TwoWay.Cli.Commands;

/// <summary>
/// The demo study's fictional interviews: the bundled sample files, and the calls of the demo
/// command into the application layer (<see cref="DemoInterviewImport"/>), which imports them.
/// </summary>
public static class DemoInterviews
{
    public const string Folder = "interviews";
    private const string ResourcePrefix = DemoCommand.InputFolder + "/" + Folder + "/";

    /// <summary>Writes the bundled interview files into <paramref name="folder"/>.</summary>
    public static void WriteSamples(string folder)
    {
        Directory.CreateDirectory(folder);
        var assembly = typeof(DemoInterviews).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var resource = assembly.GetManifestResourceStream(name)!;
            using var file = File.Create(Path.Combine(folder, name[ResourcePrefix.Length..]));
            resource.CopyTo(file);
        }
    }

    /// <summary>Imports the interviews in <paramref name="folder"/> into the study's (empty) workbench (<see cref="DemoInterviewImport.ImportAsync"/>).</summary>
    public static DemoInterviewsSummary Import(Study study, string folder) =>
        DemoInterviewImport.ImportAsync(study, folder).GetAwaiter().GetResult();

    /// <summary>Links the coder's connection-kind quotations to the connections the rules found (<see cref="DemoInterviewImport.LinkConnectionsAsync"/>).</summary>
    public static int LinkConnections(Study study, IReadOnlyList<Cases.CaseProfile> profiles, string coder) =>
        DemoInterviewImport.LinkConnectionsAsync(study, profiles, coder).GetAwaiter().GetResult();
}
