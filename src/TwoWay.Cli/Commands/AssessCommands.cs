using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Assessment;
using TwoWay.Cli.Infrastructure;
using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Policy;
using TwoWay.Policy.Files;
using TwoWay.Storage.Assessments;

namespace TwoWay.Cli.Commands;

/// <summary>Options shared by `twoway assess` and `twoway assess batch`.</summary>
public class AssessSettings : OutputSettings
{
    [CommandOption("--questionnaire <FILE>")]
    [Description("Questionnaire definition (JSON, docs/assessment.md); default: the built-in one (samples/policy/questionnaire.json).")]
    public string? Questionnaire { get; init; }

    [CommandOption("--decision-table <FILE>")]
    [Description("Decision table (CSV/XLSX); default: the built-in one (samples/policy/decision-table.csv).")]
    public string? DecisionTable { get; init; }

    [CommandOption("--catalogue <FILE>")]
    [Description("Programme catalogue to match; default: the built-in FICTIONAL sample catalogue.")]
    public string? Catalogue { get; init; }

    [CommandOption("--top <N>")]
    [Description("How many matching programmes to list per firm (default 5).")]
    public int Top { get; init; } = 5;

    public override ValidationResult Validate() =>
        Top is >= 0 and <= 100 ? ValidationResult.Success() : ValidationResult.Error("--top must be between 0 and 100.");

    internal (Assessor Assessor, string CatalogueName) Build()
    {
        var q = Questionnaire is { } qp ? QuestionnaireFile.Read(qp) : BuiltIn.Questionnaire();
        var table = DecisionTable is { } dp ? DecisionTableFile.Read(dp, q) : BuiltIn.DecisionTable(q);
        var catalogue = Catalogue is { } cp ? CatalogueFile.Read(cp) : BuiltIn.Catalogue();
        return (new Assessor(q, table, catalogue, Top), Catalogue is { } c ? Path.GetFileName(c) : BuiltIn.CatalogueName);
    }
}

public sealed class AssessOneSettings : AssessSettings
{
    [CommandOption("--answers <FILE>")]
    [Description("Assess answers saved as JSON instead of asking the questions.")]
    public string? Answers { get; init; }

    [CommandOption("--save <FILE>")]
    [Description("Interactive: where answers are saved after every question (default: assessment.json); an existing file is resumed.")]
    public string Save { get; init; } = "assessment.json";

    [CommandOption("--firm <NAME>")]
    [Description("Interactive: the firm's name or id, stored with the answers.")]
    public string? Firm { get; init; }

    [CommandOption("--html <FILE>")]
    [Description("Also write the firm's profile as a self-contained HTML page with a chart.")]
    public string? Html { get; init; }

    [CommandOption("--study <STUDY>")]
    [Description("Attach the assessment (its answers file) to firm --firm-id of this study project file; `twoway report` then shows it.")]
    public string? Study { get; init; }

    [CommandOption("--firm-id <ID>")]
    [Description("With --study: the id of the study firm the assessment belongs to.")]
    public string? FirmId { get; init; }

    public override ValidationResult Validate()
    {
        var basic = base.Validate();
        if (!basic.Successful) return basic;
        if ((Study is null) != (FirmId is null)) return ValidationResult.Error("--study and --firm-id go together.");
        if (FirmId is not null && !Domain.FirmId.IsValid(FirmId)) return ValidationResult.Error($"'{FirmId}' is not a valid firm id.");
        return ValidationResult.Success();
    }
}

[Description("Self-assessment of one firm: interactive, or from --answers FILE.")]
public sealed class AssessCommand(Terminal terminal) : Command<AssessOneSettings>
{
    public override int Execute(CommandContext context, AssessOneSettings settings, CancellationToken cancellationToken)
    {
        var (assessor, catalogueName) = settings.Build();
        AnswersFile.Loaded loaded;
        if (settings.Answers is { } path)
            loaded = AnswersFile.Read(path, assessor.Questionnaire);
        else
        {
            if (!terminal.Out.Profile.Capabilities.Interactive)
            {
                terminal.Error.MarkupLine("[red]error:[/] the interactive assessment needs a terminal; give the answers with --answers FILE (JSON) or use `twoway assess batch FILE.csv`.");
                return ExitCodes.Usage;
            }
            var done = new Interview(terminal.Out, assessor.Questionnaire, settings.Save, settings.Firm).Run();
            if (done is null) return ExitCodes.Ok;
            loaded = done;
        }
        var result = assessor.Assess(loaded.Sheet, loaded.Firm);
        if (settings.Study is { } studyPath)
        {
            // Store the answers file itself (checked above), so the study keeps every answer and can rescore it.
            var file = settings.Answers ?? settings.Save;
            using var study = Storage.Study.Open(studyPath);
            var number = study.AttachAssessment(new FirmId(settings.FirmId!), assessor.Questionnaire.Id, assessor.Questionnaire.Version,
                Path.GetFileName(file), File.ReadAllText(file));
            terminal.Error.MarkupLineInterpolated($"Attached as assessment {number} of firm {settings.FirmId} in {studyPath}.");
        }
        if (settings.Html is { } html)
            ReportWriter.WriteHtml(html, Reports.Html.SectionedHtmlReport.Render(new Reports.Html.SectionedReport(
                "Self-assessment: " + (result.Profile.Firm ?? "firm"), $"Questionnaire {result.Profile.Questionnaire} {result.Profile.Version}; programmes from {catalogueName}",
                [Reports.Html.PolicyReportBuilder.Profile(result)])
            {
                Notice = catalogueName == BuiltIn.CatalogueName ? "The programmes come from the built-in FICTIONAL sample catalogue; pass --catalogue FILE to match real ones." : null,
            }), "--html");
        if (settings.Json)
        {
            terminal.WriteRaw(TwoWay.Application.PublicJson.Serialize(result) + Environment.NewLine);
            return ExitCodes.Ok;
        }
        Print(terminal.Out, result, catalogueName);
        return ExitCodes.Ok;
    }

    internal static void Print(IAnsiConsole o, AssessmentResult r, string catalogueName)
    {
        var p = r.Profile;
        o.MarkupLineInterpolated($"[bold]{(p.Firm ?? "Firm")}[/] — questionnaire {p.Questionnaire} {p.Version}; trader state: [bold]{PolicyCommands.Code(p.State)}[/]");
        var dirs = new Table().Title("Profile by direction (no combined score: the two directions are read side by side)")
            .AddColumns("direction", "active", "stage", "share", "countries", "modes", "score", "band", "weakest dimension");
        foreach (var d in new[] { p.Outward, p.Inward })
            dirs.AddRow(d.Direction.Code(), d.Active ? "yes" : "no", PolicyCommands.Code(d.Stage), PolicyCommands.Pct(d.Share),
                d.Countries?.ToString(CultureInfo.InvariantCulture) ?? "–", PolicyCommands.Esc(string.Join(", ", d.Modes.Select(m => m.Code(d.Direction)))),
                PolicyCommands.Num(d.Score), d.Band is { } b ? PolicyCommands.Code(b) : "–", PolicyCommands.Esc(d.WeakestDimension ?? "–"));
        o.Write(dirs);
        var dims = new Table().Title("Dimensions (0–100; bands: low < 40 ≤ developing < 60 ≤ ready < 80 ≤ strong)")
            .AddColumns("direction", "dimension", "score", "band", "answered");
        foreach (var d in new[] { p.Outward, p.Inward })
            foreach (var s in d.Dimensions)
                dims.AddRow(d.Direction.Code(), PolicyCommands.Esc(s.Name), PolicyCommands.Num(s.Score), s.Band is { } b ? PolicyCommands.Code(b) : "–", $"{s.Answered}/{s.Items}");
        o.Write(dims);
        o.MarkupLineInterpolated($"[bold]Top barrier group:[/] {(p.TopBarrier is { } tb ? PolicyCommands.Code(tb) : "none rated 3 or more")}");
        var n = r.Recommendation;
        o.MarkupLineInterpolated($"[bold]Next step[/] ({n.Direction.Code()}, rule {n.Rule}): [green]{n.NextStep}[/]");
        o.MarkupLineInterpolated($"  instruments: {string.Join(", ", n.Instruments.Select(PolicyCommands.Code))}; mechanism: {PolicyCommands.Code(n.Mechanism)}");
        o.MarkupLineInterpolated($"  why: {n.Reason}");
        if (r.Programmes.Count == 0)
        {
            o.MarkupLineInterpolated($"No programme in {catalogueName} fits this next step.");
            return;
        }
        var t = new Table().Title($"Programmes that fit ({catalogueName})").AddColumns("#", "programme", "name", "agency", "points", "why it fits");
        foreach (var m in r.Programmes)
            t.AddRow(m.Rank.ToString(CultureInfo.InvariantCulture), PolicyCommands.Esc(m.Programme), PolicyCommands.Esc(m.Name), PolicyCommands.Esc(m.Agency),
                m.Points.ToString(CultureInfo.InvariantCulture), PolicyCommands.Esc(string.Join("; ", m.Reasons)));
        o.Write(t);
    }
}

/// <summary>
/// The interactive questionnaire: one question at a time; Enter skips an optional item, 'b' goes
/// back, 'q' stops (answers so far are kept). Answers are saved after every question, and an
/// existing save file is resumed at the first unanswered item.
/// </summary>
internal sealed class Interview(IAnsiConsole console, Questionnaire q, string savePath, string? firm)
{
    private readonly Answer?[] _answers = new Answer?[q.Items.Length];
    private readonly bool[] _seen = new bool[q.Items.Length];
    private string? _firm = firm;
    private FirmFacts _facts = new();

    /// <summary>The complete answers, or null when the person stopped early.</summary>
    public AnswersFile.Loaded? Run()
    {
        var i = Resume();
        console.MarkupLineInterpolated($"[bold]{q.Title}[/] ({q.Id} {q.Version}), {q.Items.Length} questions. Answers are saved to {savePath} as you go.");
        console.MarkupLine("[dim]Enter = skip (optional questions), b = back, q = stop and keep answers.[/]");
        while (i < q.Items.Length)
        {
            var item = q.Items[i];
            console.WriteLine();
            console.MarkupLineInterpolated($"[dim][[{i + 1}/{q.Items.Length}]] {Vocabulary<Section>.Code(item.Section)}{(item.DimensionId is { } d ? " · " + d : "")}[/]");
            console.MarkupLineInterpolated($"[bold]{item.Text}[/]");
            if (item.Labels.Length == 5)
                console.MarkupLineInterpolated($"[dim]{string.Join("  ", item.Labels.Select((l, k) => $"{k + 1} = {l}"))}[/]");
            var current = _answers[i] is { } a ? " [current: " + Show(item, a) + "]" : "";
            var input = console.Prompt(new TextPrompt<string>($"{Hint(item)}{Markup.Escape(current)}>").AllowEmpty()).Trim();
            switch (input.ToLowerInvariant())
            {
                case "q":
                    Save();
                    console.MarkupLineInterpolated($"Stopped; {_answers.Count(x => x is not null)} answers saved in {savePath}. Run the same command to continue.");
                    return null;
                case "b":
                    if (i > 0) i--;
                    continue;
                case "":
                    if (_answers[i] is not null) { _seen[i] = true; i++; continue; } // keep the current answer
                    if (item.Required) { console.MarkupLine("[red]This question is needed for the profile and cannot be skipped.[/]"); continue; }
                    _seen[i] = true;
                    Save();
                    i++;
                    continue;
            }
            var answer = item.Parse(input, out var error);
            if (answer is null)
            {
                console.MarkupLineInterpolated($"[red]{error}[/]");
                continue;
            }
            _answers[i] = answer;
            _seen[i] = true;
            var sheet = AnswerSheet.Create(q, _firm, _answers, out var problems, requireComplete: false);
            if (problems.FirstOrDefault(p => p.ItemId == item.Id) is { } problem)
            {
                console.MarkupLineInterpolated($"[red]{problem.Message}[/]");
                _answers[i] = null;
                continue;
            }
            AnswersFile.Write(savePath, sheet, _facts);
            i++;
        }
        var final = AnswerSheet.Create(q, _firm, _answers, out var left);
        if (left.Count > 0)
        {
            // Possible only with a resumed file edited by hand; the answers file shows what to fix.
            throw new InputException(left.Select(p => new InputError(Path.GetFileName(savePath), null, $"answers.{p.ItemId}", p.Message)).ToList());
        }
        AnswersFile.Write(savePath, final, _facts);
        console.MarkupLineInterpolated($"All questions done; answers saved in {savePath}.");
        console.WriteLine();
        return new AnswersFile.Loaded(final, _facts);
    }

    private int Resume()
    {
        if (!File.Exists(savePath)) return 0;
        var saved = AnswersFile.Read(savePath, q, partial: true);
        for (var k = 0; k < _answers.Length; k++) _answers[k] = saved.Sheet.Answers[k];
        _firm ??= saved.Sheet.Firm;
        _facts = saved.Firm;
        var next = Array.FindIndex(_answers, a => a is null);
        console.MarkupLineInterpolated($"Resuming {savePath}: {_answers.Count(a => a is not null)} answers found.");
        return next < 0 ? _answers.Length : next;
    }

    private void Save() => AnswersFile.Write(savePath, AnswerSheet.Create(q, _firm, _answers, out _, requireComplete: false), _facts);

    private static string Hint(Item item) => item.Scale switch
    {
        ScaleKind.Likert5 => "1-5",
        ScaleKind.YesNo => "yes/no",
        ScaleKind.Share => "share, e.g. 25%",
        ScaleKind.Count => "number",
        _ => "mode codes separated by ';' (see `twoway modes`)",
    };

    private static string Show(Item item, Answer a) => a switch
    {
        LikertAnswer l => l.Value.ToString(CultureInfo.InvariantCulture),
        YesNoAnswer y => y.Value ? "yes" : "no",
        ShareAnswer s => (s.Value * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%",
        CountAnswer c => c.Value.ToString(CultureInfo.InvariantCulture),
        ModesAnswer m => string.Join("; ", m.Modes.Select(x => x.Code(item.Direction!.Value))),
        _ => "?",
    };
}

public sealed class AssessBatchSettings : AssessSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("Survey export (.csv, .tsv or .xlsx): firm_id, optional size_class and sector, one column per item id.")]
    public string File { get; init; } = "";

    [CommandOption("--out <FILE>")]
    [Description("Also write one row per firm (profile, next step, programmes) to this CSV or XLSX file.")]
    public string? Out { get; init; }

    [CommandOption("--show <N>")]
    [Description("How many firms to list in the table output and the HTML page (default 20; all are in --json and --out).")]
    public int Show { get; init; } = 20;

    [CommandOption("--html <FILE>")]
    [Description("Also write the population view and the first --show firms as a self-contained HTML page with charts.")]
    public string? Html { get; init; }
}

[Description("Assess a batch of answers and summarise the population.")]
public sealed class AssessBatchCommand(Terminal terminal) : Command<AssessBatchSettings>
{
    public override int Execute(CommandContext context, AssessBatchSettings settings, CancellationToken cancellationToken)
    {
        var (assessor, _) = settings.Build();
        var loaded = BatchFile.Read(settings.File, assessor.Questionnaire);
        var results = assessor.AssessMany(loaded.Sheets, loaded.Firms);
        var batch = new BatchResult(assessor.Questionnaire.Id, assessor.Questionnaire.Version,
            PopulationSummary.Of(assessor.Questionnaire, loaded.Sheets, results), results);
        if (settings.Out is { } outPath) WriteFirms(outPath, assessor.Questionnaire, batch);
        if (settings.Html is { } html)
        {
            var source = Path.GetFileName(settings.File);
            var shown = batch.Firms.Take(settings.Show).ToList();
            Reports.Html.ReportSection[] sections = shown.Count == 0
                ? [Reports.Html.PolicyReportBuilder.Population(batch, source)]
                : [Reports.Html.PolicyReportBuilder.Population(batch, source),
                   Reports.Html.PolicyReportBuilder.Assessments(shown, $"the first {shown.Count} of {batch.Firms.Count} in {source}")];
            ReportWriter.WriteHtml(html, Reports.Html.SectionedHtmlReport.Render(new Reports.Html.SectionedReport(
                "Self-assessments: " + source, $"{batch.Firms.Count} firms; questionnaire {batch.Questionnaire} {batch.Version}", sections)), "--html");
        }
        if (settings.Json)
        {
            terminal.WriteRaw(TwoWay.Application.PublicJson.Serialize(batch) + Environment.NewLine);
            return ExitCodes.Ok;
        }
        Print(terminal.Out, batch, settings.Show);
        if (settings.Out is { } written) terminal.Error.MarkupLineInterpolated($"Wrote {results.Length} firm profiles to {written}.");
        return ExitCodes.Ok;
    }

    internal static void Print(IAnsiConsole o, BatchResult b, int show)
    {
        var pop = b.Population;
        o.MarkupLineInterpolated($"[bold]{pop.Firms} firms[/] assessed with {b.Questionnaire} {b.Version}");
        var states = new Table().Title("Trader states").AddColumns("trader state", "firms", "share");
        foreach (var s in pop.States) states.AddRow(PolicyCommands.Code(s.State), s.Firms.ToString(CultureInfo.InvariantCulture), PolicyCommands.Pct(s.Share));
        o.Write(states);
        var stages = new Table().Title("Stages").AddColumns("direction", "stage", "firms", "share");
        foreach (var s in pop.Stages) stages.AddRow(s.Direction.Code(), PolicyCommands.Code(s.Stage), s.Firms.ToString(CultureInfo.InvariantCulture), PolicyCommands.Pct(s.Share));
        o.Write(stages);
        var dims = new Table().Title("Score distributions and Cronbach's alpha (complete cases)")
            .AddColumns("direction", "dimension", "n", "mean", "sd", "min", "q1", "median", "q3", "max", "low", "developing", "ready", "strong", "alpha", "items", "cases");
        void Row(Direction d, string name, Distribution s, AlphaResult a) => dims.AddRow(new[]
        {
            d.Code(), PolicyCommands.Esc(name), s.N.ToString(CultureInfo.InvariantCulture), PolicyCommands.Num(s.Mean), PolicyCommands.Num(s.Sd),
            PolicyCommands.Num(s.Min), PolicyCommands.Num(s.Q1), PolicyCommands.Num(s.Median), PolicyCommands.Num(s.Q3), PolicyCommands.Num(s.Max),
        }.Concat(s.Bands.Select(x => x.Firms.ToString(CultureInfo.InvariantCulture)))
         .Concat([PolicyCommands.Num(a.Alpha, "0.000"), a.Items.ToString(CultureInfo.InvariantCulture), a.CompleteCases.ToString(CultureInfo.InvariantCulture)]).ToArray());
        foreach (var d in pop.Directions) Row(d.Direction, "(direction score)", d.Scores, d.Reliability);
        foreach (var d in pop.Dimensions) Row(d.Direction, d.Name, d.Scores, d.Reliability);
        o.Write(dims);
        var steps = new Table().Title("Next steps").AddColumns("rule", "next step", "firms", "share");
        foreach (var s in pop.NextSteps) steps.AddRow(PolicyCommands.Esc(s.Rule), PolicyCommands.Esc(s.NextStep), s.Firms.ToString(CultureInfo.InvariantCulture), PolicyCommands.Pct(s.Share));
        o.Write(steps);
        var firms = new Table().Title($"Firms (first {Math.Min(show, b.Firms.Count)} of {b.Firms.Count})")
            .AddColumns("firm", "state", "outward stage", "inward stage", "outward score", "inward score", "top barrier", "rule", "first programme");
        foreach (var r in b.Firms.Take(show))
            firms.AddRow(PolicyCommands.Esc(r.Profile.Firm), PolicyCommands.Code(r.Profile.State), PolicyCommands.Code(r.Profile.Outward.Stage), PolicyCommands.Code(r.Profile.Inward.Stage),
                PolicyCommands.Num(r.Profile.Outward.Score), PolicyCommands.Num(r.Profile.Inward.Score),
                r.Profile.TopBarrier is { } tb ? PolicyCommands.Code(tb) : "–", PolicyCommands.Esc(r.Recommendation.Rule),
                PolicyCommands.Esc(r.Programmes.FirstOrDefault()?.Programme ?? "–"));
        o.Write(firms);
    }

    private static void WriteFirms(string path, Questionnaire q, BatchResult b)
    {
        var dims = q.Dimensions.ToList();
        var columns = new List<string> { "firm_id", "trader_state", "outward_stage", "inward_stage", "outward_score", "outward_band", "inward_score", "inward_band" };
        columns.AddRange(dims.Select(d => $"{d.Direction.Code()}_{d.Id}"));
        columns.AddRange(["top_barrier", "rule", "next_step", "instruments", "mechanism", "programmes"]);
        string? F(double? v) => v?.ToString("0.###", CultureInfo.InvariantCulture);
        var rows = b.Firms.Select(r =>
        {
            var p = r.Profile;
            var row = new List<string?>
            {
                p.Firm, PolicyCommands.Code(p.State), PolicyCommands.Code(p.Outward.Stage), PolicyCommands.Code(p.Inward.Stage),
                F(p.Outward.Score), p.Outward.Band is { } ob ? PolicyCommands.Code(ob) : null, F(p.Inward.Score), p.Inward.Band is { } ib ? PolicyCommands.Code(ib) : null,
            };
            row.AddRange(dims.Select(d => F(p.In(d.Direction).Dimensions.First(x => x.Dimension == d.Id).Score)));
            row.AddRange([p.TopBarrier is { } tb ? PolicyCommands.Code(tb) : null, r.Recommendation.Rule, r.Recommendation.NextStep,
                string.Join("; ", r.Recommendation.Instruments.Select(PolicyCommands.Code)), PolicyCommands.Code(r.Recommendation.Mechanism),
                string.Join("; ", r.Programmes.Select(m => m.Programme))]);
            return (IReadOnlyList<string?>)row;
        });
        TwoWay.Interchange.Tables.TableWriter.Write(path, columns, rows, title: $"TwoWay self-assessment profiles ({q.Id} {q.Version})", sheet: "profiles");
    }
}
