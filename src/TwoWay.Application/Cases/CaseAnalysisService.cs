using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Storage;
using TwoWay.Storage.Settings;

namespace TwoWay.Application.Cases;

/// <summary>
/// The case analyses of a study: stages, degrees, trajectories and connections per firm and the
/// cross-case answer, as of one year. One firm or all: the default as-of year is the study's
/// (<see cref="AsOf.Of"/>: its reference year, else the latest over every case), so a firm analysed alone gets the profile it has in
/// the whole study's analysis.
/// </summary>
public sealed class CaseAnalysisService(string studyLocation)
{
    /// <summary>Analyses every firm, or only <see cref="AnalyzeRequest.Firm"/> (an unknown id is bad input on --firm).</summary>
    public async Task<StudyAnalysis> AnalyzeAsync(AnalyzeRequest request, CancellationToken cancellationToken = default) =>
        (await AnalyzeWithCasesAsync(request, cancellationToken).ConfigureAwait(false)).Analysis;

    /// <summary>The analysis and the cases it analysed (for views that also show the data, e.g. the policy coverage of a study).</summary>
    public async Task<AnalyzedCases> AnalyzeWithCasesAsync(AnalyzeRequest request, CancellationToken cancellationToken = default)
    {
        using var study = await StudyAccess.OpenAsync(studyLocation, cancellationToken).ConfigureAwait(false);
        var asserted = StudyAnalysis.Asserted(await TwoWay.Storage.Qualitative.QualitativeStore.ConnectionLinksAsync(study, cancellationToken).ConfigureAwait(false));
        var defaults = await study.LoadDefaultsAsync(cancellationToken).ConfigureAwait(false);
        return await Task.Run(() =>
        {
            var (cases, all) = Load(study, study.Location.Display, request.Firm);
            return new AnalyzedCases(cases, StudyAnalysis.Of(study.Location.Display, cases, request.Year ?? AsOf.Of(defaults, all), asserted));
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The selected cases (all, or the one <paramref name="firm"/>) and every case of the study (for
    /// the default as-of year). An invalid or unknown firm id is bad input on <c>--firm</c>.
    /// </summary>
    internal static (IReadOnlyList<FirmCase> Selected, IReadOnlyList<FirmCase> All) Load(Study study, string location, string? firm)
    {
        if (firm is not null && !FirmId.IsValid(firm))
            throw new InputException(location, null, "--firm", $"'{firm}' is not a valid firm id");
        var all = study.LoadCases();
        if (firm is null) return (all, all);
        var one = all.FirstOrDefault(c => c.Firm.Id.Value == firm)
            ?? throw new InputException(location, null, "--firm",
                $"no firm '{firm}' in this study{DidYouMean.Hint(firm, all.Select(c => c.Firm.Id.Value))} (list them with 'twoway firms {location}')");
        return ([one], all);
    }
}
