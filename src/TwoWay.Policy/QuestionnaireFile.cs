using TwoWay.Domain;
using System.Text.Json;
using TwoWay.Assessment;
using TwoWay.Input;

namespace TwoWay.Policy.Files;

/// <summary>
/// The questionnaire definition file: versioned JSON (format documented in docs/assessment.md;
/// the shipped one is samples/policy/questionnaire.json). Errors name the file, the line and the
/// JSON path of the field, e.g. "questionnaire.json, row 41, column 'items[7].scale'".
/// </summary>
public static class QuestionnaireFile
{
    public const string Format = "twoway-questionnaire";

    public static Questionnaire Read(string path) => Parse(JsonSource.Read(path));

    public static Questionnaire Parse(JsonSource json)
    {
        var errors = new InputErrorCollector();
        var f = new JsonFields(json, errors);
        var root = json.Root;
        if (!f.IsObject(root, "")) errors.ThrowIfAny();
        f.NoUnknown(root, "", "format", "id", "version", "title", "description", "dimensions", "items");
        var format = f.String(root, "", "format", required: true);
        if (format is not null && format != Format) f.Fail("format", $"'{format}' is not '{Format}': this is not a TwoWay questionnaire definition");
        var id = f.String(root, "", "id", required: true);
        var version = f.String(root, "", "version", required: true);
        var title = f.String(root, "", "title") ?? id ?? "";

        var dimensions = new List<Dimension>();
        foreach (var (e, path) in f.Array(root, "", "dimensions"))
        {
            if (!f.IsObject(e, path)) continue;
            f.NoUnknown(e, path, "id", "name", "section", "source");
            var did = f.String(e, path, "id", required: true);
            var name = f.String(e, path, "name", required: true);
            var section = f.Enum<Section>(e, path, "section", required: true);
            var source = f.String(e, path, "source");
            if (did is null || name is null || section is null) continue;
            try { dimensions.Add(new Dimension(did, name, section.Value, source)); }
            catch (ArgumentException ex) { f.Fail(JsonFields.Join(path, Snake(ex.ParamName) ?? ""), Message(ex)); }
        }

        var items = new List<Item>();
        var itemPaths = new List<string>();
        foreach (var (e, path) in f.Array(root, "", "items"))
        {
            if (!f.IsObject(e, path)) continue;
            f.NoUnknown(e, path, "id", "text", "section", "scale", "fact", "dimension", "barrier", "required", "labels", "source");
            var iid = f.String(e, path, "id", required: true);
            var text = f.String(e, path, "text", required: true);
            var section = f.Enum<Section>(e, path, "section", required: true);
            var scale = f.Enum<ScaleKind>(e, path, "scale", required: true);
            var fact = f.Enum<ActivityFact>(e, path, "fact");
            var dimension = f.String(e, path, "dimension");
            var barrier = f.Enum<BarrierGroup>(e, path, "barrier");
            var required = f.Bool(e, path, "required") ?? false;
            var labels = f.Strings(e, path, "labels");
            var source = f.String(e, path, "source", required: true);
            if (iid is null || text is null || section is null || scale is null || source is null) continue;
            try
            {
                items.Add(new Item(iid, text, section.Value, scale.Value, source, fact, dimension, barrier, required, labels));
                itemPaths.Add(path);
            }
            catch (ArgumentException ex) { f.Fail(JsonFields.Join(path, Snake(ex.ParamName) ?? ""), Message(ex)); }
        }
        errors.ThrowIfAny();
        try
        {
            return new Questionnaire(id!, version!, title, dimensions, items);
        }
        catch (QuestionnaireItemException ex)
        {
            throw new InputException(json.Error(JsonFields.Join(itemPaths[ex.ItemIndex], ex.Field), ex.Message));
        }
        catch (ArgumentException ex)
        {
            throw new InputException(json.Error(Snake(ex.ParamName) ?? "", Message(ex)));
        }
    }

    internal static string Message(ArgumentException ex)
    {
        var i = ex.Message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return i >= 0 ? ex.Message[..i] : ex.Message;
    }

    internal static string? Snake(string? name) => name switch
    {
        null => null,
        "dimensionId" => "dimension",
        _ => string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString())),
    };
}

/// <summary>
/// One firm's answers as JSON: { "questionnaire", "version", "firm", "size_class", "sector",
/// "answers": { item id: value } }. Values: 1–5 for likert items, true/false for yes/no, a fraction
/// for shares, a whole number for counts, a list of mode codes for modes; null or absent = skipped.
/// </summary>
public static class AnswersFile
{
    public sealed record Loaded(AnswerSheet Sheet, FirmFacts Firm);

    public static Loaded Read(string path, Questionnaire questionnaire, bool partial = false) => Parse(JsonSource.Read(path), questionnaire, partial);

    public static Loaded Parse(JsonSource json, Questionnaire q, bool partial = false)
    {
        var errors = new InputErrorCollector();
        var f = new JsonFields(json, errors);
        var root = json.Root;
        if (!f.IsObject(root, "")) errors.ThrowIfAny();
        f.NoUnknown(root, "", "questionnaire", "version", "firm", "size_class", "sector", "answers");
        var qid = f.String(root, "", "questionnaire", required: true);
        var version = f.String(root, "", "version", required: true);
        if (qid is not null && qid != q.Id) f.Fail("questionnaire", $"these answers are for questionnaire '{qid}', not '{q.Id}'");
        if (version is not null && version != q.Version) f.Fail("version", $"these answers are for version {version}, but the questionnaire is version {q.Version}: rescoring old answers against a changed questionnaire would be wrong");
        var firm = f.String(root, "", "firm");
        var facts = ReadFirmFacts(f, root);
        var answers = new Answer?[q.Items.Length];
        if (!root.TryGetProperty("answers", out var obj) || obj.ValueKind != JsonValueKind.Object)
            f.Fail("answers", "an object { item id: answer } is required here");
        else
            foreach (var prop in obj.EnumerateObject())
            {
                var path = $"answers.{prop.Name}";
                var index = q.IndexOf(prop.Name);
                if (index < 0) { f.Fail(path, $"'{prop.Name}' is not an item of questionnaire '{q.Id}' {q.Version}"); continue; }
                if (prop.Value.ValueKind == JsonValueKind.Null) continue;
                var answer = ToAnswer(q.Items[index], prop.Value, out var error);
                if (answer is null) f.Fail(path, error!);
                else answers[index] = answer;
            }
        errors.ThrowIfAny();
        var sheet = AnswerSheet.Create(q, firm, answers, out var problems, requireComplete: !partial);
        foreach (var p in problems) f.Fail($"answers.{p.ItemId}", p.Message);
        errors.ThrowIfAny();
        return new Loaded(sheet, facts);
    }

    internal static FirmFacts ReadFirmFacts(JsonFields f, JsonElement root)
    {
        var sizeText = f.String(root, "", "size_class");
        Domain.SizeClass? size = null;
        if (sizeText is not null)
        {
            if (Enum.TryParse<Domain.SizeClass>(sizeText, true, out var s) && !int.TryParse(sizeText, out _)) size = s;
            else f.Fail("size_class", $"'{sizeText}' is not micro, small, medium or large");
        }
        var sector = f.String(root, "", "sector");
        if (sector is not null && !Domain.Firm.IsSectorCode(sector)) { f.Fail("sector", $"'{sector}' is not a NACE Rev.2 code (e.g. C25)"); sector = null; }
        return new FirmFacts(size, sector);
    }

    private static Answer? ToAnswer(Item item, JsonElement v, out string? error)
    {
        error = null;
        switch (item.Scale)
        {
            case ScaleKind.YesNo when v.ValueKind is JsonValueKind.True or JsonValueKind.False:
                return new YesNoAnswer(v.GetBoolean());
            case ScaleKind.Modes when v.ValueKind == JsonValueKind.Array:
                if (v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String)) { error = "expected a list of mode codes"; return null; }
                return item.Parse(string.Join(";", v.EnumerateArray().Select(e => e.GetString())), out error);
            case ScaleKind.Likert5 or ScaleKind.Count when v.ValueKind == JsonValueKind.Number:
                return item.Parse(v.GetRawText(), out error);
            case ScaleKind.Share when v.ValueKind == JsonValueKind.Number:
                return item.Parse(v.GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture), out error);
            case ScaleKind.YesNo or ScaleKind.Share or ScaleKind.Count or ScaleKind.Likert5 when v.ValueKind == JsonValueKind.String:
                // People and survey tools write "yes" or "25%"; the same rules as a typed answer apply.
                return item.Parse(v.GetString()!, out error);
            default:
                error = item.Scale switch
                {
                    ScaleKind.Likert5 => "expected a whole number from 1 to 5",
                    ScaleKind.YesNo => "expected true or false",
                    ScaleKind.Share => "expected a share from 0 to 1",
                    ScaleKind.Count => "expected a whole number of 0 or more",
                    _ => "expected a list of mode codes",
                };
                return null;
        }
    }

    /// <summary>Writes answers (skipped items as null) so that <see cref="Read"/> reads them back; written atomically.</summary>
    public static void Write(string path, AnswerSheet sheet, FirmFacts? firm = null)
    {
        var q = sheet.Questionnaire;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("questionnaire", q.Id);
            w.WriteString("version", q.Version);
            if (sheet.Firm is { } name) w.WriteString("firm", name); else w.WriteNull("firm");
            if (firm?.Size is { } size) w.WriteString("size_class", size.ToString().ToLowerInvariant());
            if (firm?.Sector is { } sector) w.WriteString("sector", sector);
            w.WriteStartObject("answers");
            for (var i = 0; i < q.Items.Length; i++)
            {
                w.WritePropertyName(q.Items[i].Id);
                switch (sheet.Answers[i])
                {
                    case null: w.WriteNullValue(); break;
                    case LikertAnswer l: w.WriteNumberValue(l.Value); break;
                    case YesNoAnswer y: w.WriteBooleanValue(y.Value); break;
                    case ShareAnswer s: w.WriteNumberValue(s.Value); break;
                    case CountAnswer c: w.WriteNumberValue(c.Value); break;
                    case ModesAnswer m:
                        w.WriteStartArray();
                        foreach (var mode in m.Modes) w.WriteStringValue(mode.Code(q.Items[i].Direction!.Value));
                        w.WriteEndArray();
                        break;
                }
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp-" + Environment.ProcessId;
        File.WriteAllBytes(temp, stream.ToArray());
        File.Move(temp, full, overwrite: true);
    }
}
