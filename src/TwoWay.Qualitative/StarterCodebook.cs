using TwoWay.Qualitative.Files.Refi;

namespace TwoWay.Qualitative.Files;

/// <summary>
/// The starter codebook for two-way internationalization research (samples/codebooks/twoway-starter.qdc):
/// inward modes, outward modes, mechanisms, contexts and connection kinds, each code with its
/// definition and literature source in its description. A REFI-QDA codebook, so NVivo, ATLAS.ti or
/// MAXQDA can import it too.
/// </summary>
public static class StarterCodebook
{
    public static Codebook Load()
    {
        using var s = typeof(StarterCodebook).Assembly.GetManifestResourceStream("TwoWay.StarterCodebook.qdc")
            ?? throw new InvalidOperationException("The starter codebook resource is missing from the build.");
        return RefiImport.ReadQdc(s, "twoway-starter.qdc").Codebook;
    }
}
