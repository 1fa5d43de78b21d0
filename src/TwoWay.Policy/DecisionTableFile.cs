using System.Globalization;
using TwoWay.Assessment;
using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Interchange.Tables;

namespace TwoWay.Policy.Files;

/// <summary>
/// The decision table file (CSV/XLSX, one rule per row, first match wins, last row a catch-all).
/// Condition cells: blank or '*' = any; several values separated by ';' = any of them.
/// Documented in docs/assessment.md; the shipped table is samples/policy/decision-table.csv.
/// </summary>
public static class DecisionTableFile
{
    private static string Codes<T>() where T : struct, Enum => string.Join(", ", Vocabulary<T>.Codes);

    public static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("rule", true, "Rule id, unique.", "R01"),
        new("trader_state", false, $"Condition: trader state(s): {Codes<TraderState>()}.", "import_only"),
        new("outward_stage", false, $"Condition: outward stage(s): {Codes<ExperienceStage>()}.", "new"),
        new("inward_stage", false, $"Condition: inward stage(s): {Codes<ExperienceStage>()}.", "occasional; regular"),
        new("outward_score_min", false, "Condition: outward readiness score at least this (0–100).", "60"),
        new("outward_score_max", false, "Condition: outward readiness score below this (0–100).", ""),
        new("inward_score_min", false, "Condition: inward capability score at least this.", ""),
        new("inward_score_max", false, "Condition: inward capability score below this.", ""),
        new("weakest_outward", false, "Condition: weakest outward dimension id(s) of the questionnaire.", "finance"),
        new("weakest_inward", false, "Condition: weakest inward dimension id(s).", ""),
        new("top_barrier", false, $"Condition: top barrier group(s): {Codes<BarrierGroup>()}.", "informational"),
        new("direction", true, "The direction the next step develops: outward or inward.", "outward"),
        new("next_step", true, "The recommended next step, in words.", "Use your supplier network for first exports"),
        new("instruments", true, $"Recommended instruments, ';'-separated: {Codes<Instrument>()}.", "matchmaking; trade_fairs"),
        new("mechanism", true, $"Recommended mechanism: {Codes<Mechanism>()}.", "experiential"),
        new("reason", true, "Why, with its source.", "Importers' supplier networks are a path to first exports (Korhonen et al. 1996)."),
    ];

    public static DecisionTable Read(string path, Questionnaire questionnaire) => Parse(TableReader.Read(path), questionnaire);

    public static DecisionTable Parse(Table table, Questionnaire questionnaire)
    {
        var errors = new InputErrorCollector();
        TableSchema.Check(table, Columns, errors);
        errors.ThrowIfAny();
        var rules = new List<DecisionRule>();
        var rows = new Dictionary<string, int>();
        foreach (var row in table.Rows)
        {
            var p = new RowParser(table, row, errors);
            var id = p.Text("rule", required: true);
            if (id is not null && !rows.TryAdd(id, row.Number)) p.Fail("rule", $"'{id}' is already used by row {rows[id]}");
            var states = Any<TraderState>(p, "trader_state");
            var outStages = Any<ExperienceStage>(p, "outward_stage");
            var inStages = Any<ExperienceStage>(p, "inward_stage");
            var outRange = Range(p, "outward_score_min", "outward_score_max");
            var inRange = Range(p, "inward_score_min", "inward_score_max");
            var weakOut = Dimensions(p, "weakest_outward", questionnaire, Direction.Outward);
            var weakIn = Dimensions(p, "weakest_inward", questionnaire, Direction.Inward);
            var barriers = Any<BarrierGroup>(p, "top_barrier");
            var direction = p.Parse<Direction>("direction", DirectionExtensions.TryParse, "outward or inward", required: true);
            var next = p.Text("next_step", required: true);
            var instruments = Any<Instrument>(p, "instruments");
            if (p.Text("instruments") is null) p.Fail("instruments", "a value is required here");
            var mechanism = p.Parse<Mechanism>("mechanism", Vocabulary<Mechanism>.TryParse, $"one of: {Codes<Mechanism>()}", required: true);
            var reason = p.Text("reason", required: true);
            var rule = p.Build(null, () => new DecisionRule(id!, states, outStages, inStages, outRange, inRange, weakOut, weakIn, barriers,
                direction!.Value, next!, instruments, mechanism!.Value, reason!));
            if (rule is not null) rules.Add(rule);
        }
        errors.ThrowIfAny();
        if (rules.Count == 0) throw new InputException(table.Source, null, null, "the decision table has no rules");
        if (!rules[^1].IsCatchAll)
            throw new InputException(table.Source, table.Rows[^1].Number, null,
                $"the last rule ('{rules[^1].Id}') must have no conditions (all condition cells blank), so that every firm gets a next step");
        return new DecisionTable(rules);
    }

    private static IReadOnlyList<string> Cells(RowParser p, string column) =>
        p.List(column).Where(v => v != "*").ToList();

    private static List<T> Any<T>(RowParser p, string column) where T : struct, Enum
    {
        var result = new List<T>();
        foreach (var v in Cells(p, column))
            if (Vocabulary<T>.TryParse(v, out var x)) result.Add(x);
            else p.Fail(column, $"'{v}' is not one of: {Codes<T>()}");
        return result;
    }

    private static List<string> Dimensions(RowParser p, string column, Questionnaire q, Direction direction)
    {
        var known = q.DimensionsOf(direction).Select(d => d.Id).ToList();
        var result = new List<string>();
        foreach (var v in Cells(p, column))
            if (known.Contains(v)) result.Add(v);
            else p.Fail(column, $"'{v}' is not a {direction.Code()} dimension of questionnaire '{q.Id}' (dimensions: {string.Join(", ", known)})");
        return result;
    }

    private static ScoreRange Range(RowParser p, string minColumn, string maxColumn)
    {
        double? Score(string column)
        {
            var v = p.Text(column);
            if (v is null || v == "*") return null;
            if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d is >= 0 and <= 100) return d;
            p.Fail(column, $"'{v}' is not a score from 0 to 100");
            return null;
        }
        var min = Score(minColumn);
        var max = Score(maxColumn);
        if (min is { } lo && max is { } hi && lo >= hi) p.Fail(maxColumn, $"{hi} is not above the minimum {lo}: the range is empty");
        return new ScoreRange(min, max);
    }
}

/// <summary>
/// Batch answers from a survey tool: one row per firm, a <c>firm_id</c> column, optional
/// <c>size_class</c> and <c>sector</c>, then one column per item id (blank = skipped; multi-valued
/// mode cells separated by ';').
/// </summary>
public static class BatchFile
{
    public sealed record Loaded(IReadOnlyList<AnswerSheet> Sheets, IReadOnlyList<FirmFacts> Firms);

    public static Loaded Read(string path, Questionnaire q) => Parse(TableReader.Read(path), q);

    public static Loaded Parse(Table table, Questionnaire q)
    {
        var errors = new InputErrorCollector();
        if (!table.HasColumn("firm_id")) errors.Add(table.Source, 1, "firm_id", "this required column is missing from the header");
        foreach (var c in table.Columns.Where(c => c is not ("firm_id" or "size_class" or "sector") && q.IndexOf(c) < 0))
            errors.Add(table.Source, 1, c, $"'{c}' is not an item of questionnaire '{q.Id}' {q.Version} (nor firm_id, size_class, sector)");
        foreach (var item in q.Items.Where(i => i.Required && !table.HasColumn(i.Id)))
            errors.Add(table.Source, 1, item.Id, "this required item's column is missing from the header");
        errors.ThrowIfAny();
        var columns = q.Items.Select(i => table.HasColumn(i.Id) ? i.Id : null).ToArray();
        var sheets = new List<AnswerSheet>(table.Rows.Count);
        var firms = new List<FirmFacts>(table.Rows.Count);
        var seen = new Dictionary<string, int>();
        foreach (var row in table.Rows)
        {
            var p = new RowParser(table, row, errors);
            var id = p.Text("firm_id", required: true);
            if (id is not null && !seen.TryAdd(id, row.Number)) p.Fail("firm_id", $"'{id}' is already used by row {seen[id]}");
            SizeClass? size = null;
            if (p.Text("size_class") is { } st)
            {
                if (Enum.TryParse<SizeClass>(st, true, out var s) && !int.TryParse(st, out _)) size = s;
                else p.Fail("size_class", $"'{st}' is not micro, small, medium or large");
            }
            var sector = p.Text("sector");
            if (sector is not null && !Firm.IsSectorCode(sector)) { p.Fail("sector", $"'{sector}' is not a NACE Rev.2 code (e.g. C25)"); sector = null; }
            var answers = new Answer?[q.Items.Length];
            for (var i = 0; i < answers.Length; i++)
            {
                if (columns[i] is not { } column || row[column] is not { } text) continue;
                answers[i] = q.Items[i].Parse(text, out var error);
                if (answers[i] is null) p.Fail(column, error!);
            }
            if (!p.Ok) continue;
            var sheet = AnswerSheet.Create(q, id, answers, out var problems);
            foreach (var problem in problems) p.Fail(problem.ItemId, problem.Message);
            if (problems.Count > 0) continue;
            sheets.Add(sheet);
            firms.Add(new FirmFacts(size, sector));
        }
        if (table.Rows.Count == 0) errors.Add(table.Source, null, null, "the file has no answers (only a header)");
        errors.ThrowIfAny();
        return new Loaded(sheets, firms);
    }

    /// <summary>Writes a header-only template for a questionnaire, each item's question as a '#' comment.</summary>
    public static void WriteTemplate(string path, Questionnaire q)
    {
        var columns = new[] { "firm_id", "size_class", "sector" }.Concat(q.Items.Select(i => i.Id)).ToList();
        var docs = new List<ColumnSpec>
        {
            new("firm_id", true, "The firm's id, unique in the file.", "F001"),
            new("size_class", false, "micro, small, medium or large.", "small"),
            new("sector", false, "NACE Rev.2 code.", "C25"),
        };
        docs.AddRange(q.Items.Select(i => new ColumnSpec(i.Id, i.Required, $"[{Vocabulary<ScaleKind>.Code(i.Scale)}] {i.Text}", i.Scale switch
        {
            ScaleKind.Likert5 => "4",
            ScaleKind.YesNo => "yes",
            ScaleKind.Share => "25%",
            ScaleKind.Count => "3",
            _ => i.Direction == Direction.Outward ? "goods_export" : "goods_import",
        })));
        TableWriter.Write(path, columns, [], docs, $"TwoWay batch answers for questionnaire {q.Id} {q.Version}", "answers");
    }
}
