using System.Reflection;
using System.Text.Json.Serialization;
using TwoWay.Cases;
using TwoWay.Qualitative;
using TwoWay.Storage;

namespace TwoWay.Application.Reports;

/// <summary>`twoway demo`: the folder to build the demo in, and whether a non-empty folder that holds no earlier demo may be used.</summary>
public sealed record DemoRequest(string Out = "demo", bool Force = false);

/// <summary>What the demo's interviews added (the `interviews` object of `twoway demo --json`).</summary>
/// <param name="Sources">Transcripts imported.</param>
/// <param name="Codes">Codes in the codebook.</param>
/// <param name="Codings">Codings of both coders.</param>
/// <param name="Coders">The coders' names, in order of first coding.</param>
/// <param name="EvidenceLinks">Coded quotations linked as evidence for operations.</param>
/// <param name="Agreement">Pooled agreement of the two coders, or null.</param>
/// <param name="ConnectionLinks">Coded quotations linked as evidence for connections the rules found.</param>
public sealed record DemoInterviewCounts(int Sources, int Codes, int Codings, IReadOnlyList<string> Coders, int EvidenceLinks,
    AgreementMeasures? Agreement, int ConnectionLinks = 0);

/// <summary>
/// The bundled fictional sample files, by name ("demo-study/firms.csv", "policy/catalogue.csv" …):
/// wherever they are kept (the `twoway` tool embeds them as resources).
/// </summary>
public sealed class DemoSamples(IReadOnlyList<string> names, Func<string, Stream?> open)
{
    /// <summary>Every sample's name.</summary>
    public IReadOnlyList<string> Names { get; } = names;

    /// <summary>The samples embedded in <paramref name="assembly"/> under their logical names.</summary>
    public static DemoSamples FromAssembly(Assembly assembly) =>
        new(assembly.GetManifestResourceNames(), assembly.GetManifestResourceStream);

    /// <summary>Copies the sample <paramref name="name"/> to <paramref name="path"/>; a missing sample is a broken build.</summary>
    public void CopyTo(string name, string path)
    {
        using var resource = open(name) ?? throw new InvalidOperationException($"The demo file {name} is missing from this build.");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = File.Create(path);
        resource.CopyTo(file);
    }
}

/// <summary>The `twoway demo --json` document (absolute paths), and for the text view what it printed besides.</summary>
public sealed record DemoResult(
    string Study, string Report, string Inputs, int Firms, int Operations, int AsOfYear, DemoInterviewCounts Interviews,
    string PolicyInputs, int Programmes, int Assessments, int AttachedAssessments,
    string Panel, long PanelFirmYears, string PanelReport)
{
    /// <summary>The study firms the attached assessments belong to.</summary>
    [JsonIgnore] public IReadOnlyList<string> AttachedFirms { get; init; } = [];

    /// <summary>The cross-case answer of the demo study.</summary>
    [JsonIgnore] public string Answer { get; init; } = "";

    /// <summary>The number of simulated firms in the panel.</summary>
    [JsonIgnore] public int PanelFirms { get; init; }
}
