using System.Collections.Immutable;
using TwoWay.Assessment;
using TwoWay.Domain;
using TwoWay.Policy;
using TwoWay.Policy.Files;

namespace TwoWay.Policy.Tests;

/// <summary>Small hand-built inputs whose results are counted by hand in the tests.</summary>
public static class Fixtures
{
    public static DirectedMode Out(Mode m) => new(Direction.Outward, m);
    public static DirectedMode In(Mode m) => new(Direction.Inward, m);

    public static Money Eur(decimal amount) => new(amount, CurrencyCode.Parse("EUR"));

    /// <summary>
    /// Five programmes. Export-only: P1, P2, P5 (outward, export trade modes only). P3 is outward
    /// but licensing-out; P4 is inward. Budgets: P1 100, P2 300, P3 100, P4 500, P5 unknown.
    /// </summary>
    public static Catalogue SmallCatalogue() => new(
    [
        new Programme("P1", "Export info", "A", ProgrammeLevel.National, SupportDirection.Outward,
            [Out(Mode.GoodsTrade)], [Instrument.Information], [Mechanism.Informational],
            barriers: [BarrierGroup.Informational], budget: Eur(100)),
        new Programme("P2", "Trade fairs", "A", ProgrammeLevel.National, SupportDirection.Outward,
            [Out(Mode.GoodsTrade), Out(Mode.ServicesTrade)], [Instrument.TradeFairs, Instrument.Grants], [Mechanism.Experiential, Mechanism.Financial],
            barriers: [BarrierGroup.Marketing], targetStates: [TraderState.ExportOnly, TraderState.TwoWay],
            targetStages: [new DirectedStage(Direction.Outward, ExperienceStage.Occasional)], budget: Eur(300)),
        new Programme("P3", "Licensing-out advice", "B", ProgrammeLevel.Eu, SupportDirection.Outward,
            [Out(Mode.Licensing)], [Instrument.Advisory], [Mechanism.Informational],
            barriers: [BarrierGroup.Functional], budget: Eur(100)),
        new Programme("P4", "Supplier search", "C", ProgrammeLevel.Donor, SupportDirection.Inward,
            [In(Mode.GoodsTrade)], [Instrument.Matchmaking], [Mechanism.Experiential],
            targetStates: [TraderState.None, TraderState.ImportOnly], budget: Eur(500)),
        new Programme("P5", "Supplier bridge", "C", ProgrammeLevel.Regional, SupportDirection.Outward,
            [Out(Mode.GoodsTrade)], [Instrument.Matchmaking, Instrument.Missions], [Mechanism.Experiential],
            barriers: [BarrierGroup.Marketing], targetStates: [TraderState.ImportOnly],
            targetStages: [new DirectedStage(Direction.Outward, ExperienceStage.New)], eligibleSizes: [SizeClass.Small]),
    ]);

    public static string Samples(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "samples", "policy", .. parts]);

    public static string ReferenceFile(string name) => Path.Combine(AppContext.BaseDirectory, "Reference", name);

    public static Questionnaire SampleQuestionnaire() => QuestionnaireFile.Read(Samples("questionnaire.json"));

    /// <summary>A complete sheet of the sample questionnaire: facts as given, every scored item = <paramref name="likert"/>.</summary>
    public static AnswerSheet Sheet(Questionnaire q, bool exported, bool exportsRegularly, bool imported, bool importsRegularly, int likert = 3,
        Dictionary<string, int>? overrides = null)
    {
        var answers = new Answer?[q.Items.Length];
        for (var i = 0; i < answers.Length; i++)
        {
            var item = q.Items[i];
            answers[i] = item.Fact switch
            {
                ActivityFact.ExportedBefore => new YesNoAnswer(exported),
                ActivityFact.ExportsRegularly => new YesNoAnswer(exportsRegularly),
                ActivityFact.ImportedBefore => new YesNoAnswer(imported),
                ActivityFact.ImportsRegularly => new YesNoAnswer(importsRegularly),
                null when item.Scale == ScaleKind.Likert5 => new LikertAnswer(overrides?.GetValueOrDefault(item.Id, likert) ?? likert),
                _ => null,
            };
        }
        var sheet = AnswerSheet.Create(q, "T", answers, out var problems);
        Assert.Empty(problems);
        return sheet;
    }

    public static DirectionProfile Dir(Direction d, ExperienceStage stage, double? score, string? weakest = null) =>
        new(d, stage != ExperienceStage.New, stage, null, null, [], score, score is { } s ? Bands.Of(s) : null, [], weakest);

    public static Profile Profile(TraderState state, ExperienceStage outStage, ExperienceStage inStage, double? outScore = 50, double? inScore = 50,
        string? weakestOut = null, string? weakestIn = null, BarrierGroup? topBarrier = null) =>
        new("T", "q", "1", state, Dir(Direction.Outward, outStage, outScore, weakestOut), Dir(Direction.Inward, inStage, inScore, weakestIn), [], topBarrier);
}
