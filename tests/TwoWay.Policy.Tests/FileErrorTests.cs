using TwoWay.Assessment;
using TwoWay.Input;
using TwoWay.Policy.Files;
using static TwoWay.Policy.Tests.Fixtures;

namespace TwoWay.Policy.Tests;

/// <summary>Malformed inputs give errors naming file, row (line) and field; nothing is produced.</summary>
public class FileErrorTests
{
    private const string Header = "id,name,agency,level,direction,modes,instruments,mechanisms,barriers,target_states,target_stages";

    private static InputError Single(Action read) => Assert.Single(Assert.Throws<InputException>(read).Errors);

    [Fact]
    public void Catalogue_bad_vocabulary_names_file_row_and_column()
    {
        using var dir = new TempDir();
        var path = dir.Write("programmes.csv", $"# a comment line counts as a line\n{Header}\n" +
            "A1,Fairs,Agency,national,outward,goods_export,trade_fairs,experiential,,,\n" +
            "A2,Fairs,Agency,national,outward,goods_export,trade fair,experiential,,,\n");
        var e = Single(() => CatalogueFile.Read(path));
        Assert.Equal(("programmes.csv", 4, "instruments"), (e.Source, e.Row, e.Field));
        Assert.Contains("'trade fair' is not one of", e.Message);
    }

    [Fact]
    public void Catalogue_collects_every_problem_before_failing()
    {
        using var dir = new TempDir();
        var path = dir.Write("programmes.csv", $"{Header}\n" +
            "A1,Fairs,Agency,national,sideways,goods_export,trade_fairs,experiential,,,\n" +
            "A1,Fairs,Agency,national,inward,goods_export,trade_fairs,experiential,,,\n" +
            "A3,Fairs,Agency,national,outward,goods_export,trade_fairs,experiential,,,outward:first\n");
        var errors = Assert.Throws<InputException>(() => CatalogueFile.Read(path)).Errors;
        Assert.Contains(errors, e => e is { Row: 2, Field: "direction" });
        Assert.Contains(errors, e => e is { Row: 3, Field: "id" } && e.Message.Contains("row 2"));
        Assert.Contains(errors, e => e is { Row: 3, Field: "modes" } && e.Message.Contains("goods_export")); // export mode in an inward programme
        Assert.Contains(errors, e => e is { Row: 4, Field: "target_stages" });
    }

    [Fact]
    public void Catalogue_missing_column_and_mixed_currencies()
    {
        using var dir = new TempDir();
        var missing = dir.Write("m.csv", "id,name,agency,level,direction,modes,instruments\nA,B,C,national,outward,goods_export,training\n");
        var e = Single(() => CatalogueFile.Read(missing));
        Assert.Equal((1, "mechanisms"), (e.Row, e.Field));
        var mixed = dir.Write("c.csv", "id,name,agency,level,direction,modes,instruments,mechanisms,budget,budget_currency\n" +
            "A,B,C,national,outward,goods_export,training,informational,10,EUR\nB,B,C,national,outward,goods_export,training,informational,10,USD\n");
        var c = Single(() => CatalogueFile.Read(mixed));
        Assert.Equal((3, "budget_currency"), (c.Row, c.Field));
    }

    [Fact]
    public void Catalogue_template_reads_back_and_round_trips_through_xlsx()
    {
        using var dir = new TempDir();
        CatalogueFile.WriteTemplate(dir.File("t.csv"));
        var template = CatalogueFile.Read(dir.File("t.csv"));
        Assert.Equal("EXP-01", Assert.Single(template.Programmes).Id);
        var sample = CatalogueFile.Read(Samples("catalogue.csv"));
        CatalogueFile.Write(dir.File("c.xlsx"), sample);
        var back = CatalogueFile.Read(dir.File("c.xlsx"));
        Assert.Equal(sample.Programmes.Length, back.Programmes.Length);
        for (var i = 0; i < sample.Programmes.Length; i++)
        {
            var (a, b) = (sample.Programmes[i], back.Programmes[i]);
            Assert.Equal((a.Id, a.Direction, a.Budget, a.DateChecked, a.SourceUrl), (b.Id, b.Direction, b.Budget, b.DateChecked, b.SourceUrl));
            Assert.True(a.Modes.SetEquals(b.Modes) && a.Instruments.SetEquals(b.Instruments) && a.TargetStages.SetEquals(b.TargetStages)
                && a.TargetStates.SetEquals(b.TargetStates) && a.EligibleSectors.SetEquals(b.EligibleSectors), a.Id);
        }
    }

    [Fact]
    public void Sample_catalogue_is_fictional_and_of_the_required_size()
    {
        var c = CatalogueFile.Read(Samples("catalogue.csv"));
        Assert.InRange(c.Programmes.Length, 30, 60);
        Assert.StartsWith("# FICTIONAL", File.ReadAllLines(Samples("catalogue.csv"))[0]);
    }

    private static string QuestionnaireJson(string itemsJson) => $$"""
        {
          "format": "twoway-questionnaire", "id": "t", "version": "1",
          "dimensions": [ { "id": "capacity", "name": "Capacity", "section": "outward_readiness" } ],
          "items": [
            { "id": "e1", "text": "Exported?", "section": "activity", "scale": "yes_no", "fact": "exported_before", "required": true, "source": "s" },
            { "id": "e2", "text": "Regularly?", "section": "activity", "scale": "yes_no", "fact": "exports_regularly", "required": true, "source": "s" },
            { "id": "i1", "text": "Imported?", "section": "activity", "scale": "yes_no", "fact": "imported_before", "required": true, "source": "s" },
            { "id": "i2", "text": "Regularly?", "section": "activity", "scale": "yes_no", "fact": "imports_regularly", "required": true, "source": "s" },
        {{itemsJson}}
          ]
        }
        """;

    [Fact]
    public void Questionnaire_minimal_definition_loads()
    {
        var q = QuestionnaireFile.Parse(JsonSource.Parse(System.Text.Encoding.UTF8.GetBytes(QuestionnaireJson(
            """{ "id": "c1", "text": "Capacity?", "section": "outward_readiness", "scale": "likert5", "dimension": "capacity", "source": "s" }""")), "q.json"));
        Assert.Equal(5, q.Items.Length);
    }

    [Fact]
    public void Questionnaire_wrong_scale_names_line_and_path()
    {
        var json = QuestionnaireJson("""
            { "id": "c1", "text": "Capacity?", "section": "outward_readiness",
              "scale": "yes_no", "dimension": "capacity", "source": "s" }
        """);
        var e = Single(() => QuestionnaireFile.Parse(JsonSource.Parse(System.Text.Encoding.UTF8.GetBytes(json), "q.json")));
        Assert.Equal("q.json", e.Source);
        Assert.Equal("items[4].scale", e.Field);
        // The line of the item's "scale" value, counted in the text above.
        var expectedLine = json.Split('\n').ToList().FindIndex(l => l.Contains("\"scale\": \"yes_no\", \"dimension\"")) + 1;
        Assert.Equal(expectedLine, e.Row);
    }

    [Fact]
    public void Questionnaire_unknown_dimension_duplicate_id_and_syntax_errors()
    {
        var unknown = QuestionnaireJson("""{ "id": "c1", "text": "x", "section": "outward_readiness", "scale": "likert5", "dimension": "capcity", "source": "s" }""");
        var e = Single(() => QuestionnaireFile.Parse(JsonSource.Parse(System.Text.Encoding.UTF8.GetBytes(unknown), "q.json")));
        Assert.Equal("items[4].dimension", e.Field);
        Assert.Contains("capcity", e.Message);

        var dup = QuestionnaireJson("""{ "id": "e1", "text": "x", "section": "outward_readiness", "scale": "likert5", "dimension": "capacity", "source": "s" }""");
        Assert.Equal("items[4].id", Single(() => QuestionnaireFile.Parse(JsonSource.Parse(System.Text.Encoding.UTF8.GetBytes(dup), "q.json"))).Field);

        var broken = "{\n  \"format\": \"twoway-questionnaire\",\n  \"id\": \"t\"\n  \"version\": \"1\"\n}";
        var s = Single(() => JsonSource.Parse(System.Text.Encoding.UTF8.GetBytes(broken), "q.json"));
        Assert.Equal(4, s.Row);
        Assert.Contains("not valid JSON", s.Message);
    }

    [Fact]
    public void Questionnaire_without_a_state_fact_is_refused()
    {
        var json = QuestionnaireJson("""{ "id": "c1", "text": "x", "section": "outward_readiness", "scale": "likert5", "dimension": "capacity", "source": "s" }""")
            .Replace("\"fact\": \"imports_regularly\", ", "");
        var e = Single(() => QuestionnaireFile.Parse(JsonSource.Parse(System.Text.Encoding.UTF8.GetBytes(json), "q.json")));
        Assert.Equal("items[3].fact", e.Field); // the activity item now lacks its fact
    }

    [Fact]
    public void Answers_out_of_range_unknown_item_and_version_mismatch()
    {
        var q = SampleQuestionnaire();
        using var dir = new TempDir();
        var text = File.ReadAllText(Samples("assessments", "firm-1.json"));
        var bad = dir.Write("a.json", text.Replace("\"or_capacity_1\": 4", "\"or_capacity_1\": 7").Replace("\"or_capacity_1\": 5", "\"or_capacity_1\": 7").Replace("\"or_capacity_1\": 3", "\"or_capacity_1\": 7"));
        var e = Single(() => AnswersFile.Read(bad, q));
        Assert.Equal(("a.json", "answers.or_capacity_1"), (e.Source, e.Field));
        var expectedLine = File.ReadAllLines(bad).ToList().FindIndex(l => l.Contains("\"or_capacity_1\": 7")) + 1;
        Assert.Equal(expectedLine, e.Row);
        Assert.Contains("1 to 5", e.Message);

        var unknown = dir.Write("u.json", text.Replace("\"answers\": {", "\"answers\": {\n    \"no_such_item\": 3,"));
        Assert.Equal("answers.no_such_item", Single(() => AnswersFile.Read(unknown, q)).Field);

        var version = dir.Write("v.json", text.Replace("\"version\": \"1.0\"", "\"version\": \"0.9\""));
        Assert.Equal("version", Single(() => AnswersFile.Read(version, q)).Field);

        var missing = dir.Write("r.json", text.Replace("\"exported_before\": false", "\"exported_before\": null"));
        Assert.Equal("answers.exported_before", Single(() => AnswersFile.Read(missing, q)).Field);
    }

    [Fact]
    public void Answers_round_trip_through_write_and_read()
    {
        var q = SampleQuestionnaire();
        var loaded = AnswersFile.Read(Samples("assessments", "firm-1.json"), q);
        using var dir = new TempDir();
        AnswersFile.Write(dir.File("out.json"), loaded.Sheet, loaded.Firm);
        var back = AnswersFile.Read(dir.File("out.json"), q);
        Assert.Equal(loaded.Sheet.Answers.Select(a => a?.ToString()), back.Sheet.Answers.Select(a => a?.ToString()));
        Assert.Equal(loaded.Firm, back.Firm);
    }

    [Fact]
    public void Batch_bad_cell_names_row_and_item_column()
    {
        var q = SampleQuestionnaire();
        using var dir = new TempDir();
        var lines = File.ReadAllLines(Samples("assessments", "batch.csv")).ToList();
        var header = lines[1].Split(',');
        var col = Array.IndexOf(header, "or_finance_2");
        var cells = lines[4].Split(',');
        cells[col] = "6";
        lines[4] = string.Join(",", cells);
        var path = dir.File("batch.csv");
        File.WriteAllLines(path, lines);
        var e = Single(() => BatchFile.Read(path, q));
        Assert.Equal(("batch.csv", 5, "or_finance_2"), (e.Source, e.Row, e.Field));
    }

    [Fact]
    public void Decision_table_must_end_with_a_catch_all_and_name_known_dimensions()
    {
        var q = SampleQuestionnaire();
        using var dir = new TempDir();
        var lines = File.ReadAllLines(Samples("decision-table.csv"));
        var noCatchAll = dir.File("d.csv");
        File.WriteAllLines(noCatchAll, lines[..^1]);
        var e = Single(() => DecisionTableFile.Read(noCatchAll, q));
        Assert.Equal(lines.Length - 1, e.Row);
        Assert.Contains("no conditions", e.Message);
        var typo = dir.File("t.csv");
        File.WriteAllLines(typo, lines.Select(l => l.Replace(",finance,", ",financing,")));
        var t = Assert.Throws<InputException>(() => DecisionTableFile.Read(typo, q)).Errors;
        Assert.All(t, x => Assert.Equal("weakest_outward", x.Field));
    }
}
