using System.Text;
using System.Text.Json;
using TwoWay.Input;

namespace TwoWay.Policy.Files;

/// <summary>
/// A JSON input file with the line of every value, so problems are reported as
/// "file, row (line) N, column 'items[3].scale'" like the tabular formats. System.Text.Json's
/// DOM keeps no positions; one extra reader pass records them by path.
/// </summary>
public sealed class JsonSource
{
    private readonly Dictionary<string, int> _lines;

    private JsonSource(string source, JsonElement root, Dictionary<string, int> lines)
    {
        Source = source;
        Root = root;
        _lines = lines;
    }

    public string Source { get; }
    public JsonElement Root { get; }

    /// <summary>The line of the value at <paramref name="path"/> ("" is the document), or of its nearest recorded parent.</summary>
    public int? LineOf(string path)
    {
        while (true)
        {
            if (_lines.TryGetValue(path, out var line)) return line;
            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            if (cut <= 0) return _lines.TryGetValue("", out var l) ? l : null;
            path = path[..cut];
        }
    }

    public InputError Error(string path, string message) => new(Source, LineOf(path), path == "" ? null : path, message);

    public static JsonSource Read(string path)
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path)) throw new InputException(name, null, null, $"file not found: {path}");
        return Parse(File.ReadAllBytes(path), name);
    }

    public static JsonSource Parse(byte[] utf8, string source)
    {
        // Skip a UTF-8 byte-order mark: editors on Windows write one.
        var start = utf8.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? 3 : 0;
        var bytes = utf8.AsMemory(start);
        try
        {
            var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return new JsonSource(source, doc.RootElement, Positions(bytes));
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? (int)l + 1 : (int?)null;
            var message = ex.Message;
            var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            throw new InputException(source, line, null, "the file is not valid JSON: " + (cut > 0 ? message[..cut] : message));
        }
    }

    private static Dictionary<string, int> Positions(ReadOnlyMemory<byte> json)
    {
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        // Each open container keeps its path and, for arrays, the next element index.
        var stack = new Stack<(string Path, bool IsArray, int Next)>();
        string? pendingProperty = null;
        var newlines = 0;
        long scanned = 0;
        int LineAt(long offset)
        {
            for (; scanned < offset; scanned++) if (json.Span[(int)scanned] == (byte)'\n') newlines++;
            return newlines + 1;
        }
        string ValuePath()
        {
            if (stack.Count == 0) return "";
            var (path, isArray, next) = stack.Pop();
            string result;
            if (isArray)
            {
                result = $"{path}[{next}]";
                stack.Push((path, true, next + 1));
            }
            else
            {
                result = path == "" ? pendingProperty! : $"{path}.{pendingProperty}";
                stack.Push((path, false, next));
            }
            return result;
        }
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pendingProperty = reader.GetString();
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                {
                    var path = ValuePath();
                    lines[path] = LineAt(reader.TokenStartIndex);
                    stack.Push((path, reader.TokenType == JsonTokenType.StartArray, 0));
                    break;
                }
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    stack.Pop();
                    break;
                default:
                    lines[ValuePath()] = LineAt(reader.TokenStartIndex);
                    break;
            }
        }
        return lines;
    }
}

/// <summary>Reads typed members of a JSON object, collecting errors by path instead of stopping at the first.</summary>
public sealed class JsonFields(JsonSource source, InputErrorCollector errors)
{
    public JsonSource Source => source;

    public void Fail(string path, string message) => errors.Add(source.Error(path, message));

    public static string Join(string path, string member) => member == "" ? path : path == "" ? member : $"{path}.{member}";

    public string? String(JsonElement obj, string path, string member, bool required = false)
    {
        if (!obj.TryGetProperty(member, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required) Fail(Join(path, member), "a value is required here");
            return null;
        }
        if (v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString()))
        {
            Fail(Join(path, member), "expected a non-empty text in quotes");
            return null;
        }
        return v.GetString()!.Trim();
    }

    public T? Enum<T>(JsonElement obj, string path, string member, bool required = false) where T : struct, System.Enum
    {
        var s = String(obj, path, member, required);
        if (s is null) return null;
        if (Vocabulary<T>.TryParse(s, out var v)) return v;
        Fail(Join(path, member), $"'{s}' is not one of: {string.Join(", ", Vocabulary<T>.Codes)}");
        return null;
    }

    public bool? Bool(JsonElement obj, string path, string member)
    {
        if (!obj.TryGetProperty(member, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
        Fail(Join(path, member), "expected true or false");
        return null;
    }

    public List<string>? Strings(JsonElement obj, string path, string member)
    {
        if (!obj.TryGetProperty(member, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            Fail(Join(path, member), "expected a list of texts, e.g. [\"a\", \"b\"]");
            return null;
        }
        return v.EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    /// <summary>The array at member, or an error; each element comes with its path.</summary>
    public List<(JsonElement Element, string Path)> Array(JsonElement obj, string path, string member, bool required = true)
    {
        var p = Join(path, member);
        if (!obj.TryGetProperty(member, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required) Fail(p, "a list is required here");
            return [];
        }
        if (v.ValueKind != JsonValueKind.Array)
        {
            Fail(p, "expected a list [ … ]");
            return [];
        }
        return v.EnumerateArray().Select((e, i) => (e, $"{p}[{i}]")).ToList();
    }

    /// <summary>Reports members not among <paramref name="known"/>: a misspelt key would otherwise be silently ignored.</summary>
    public void NoUnknown(JsonElement obj, string path, params string[] known)
    {
        foreach (var prop in obj.EnumerateObject().Where(p => !known.Contains(p.Name)))
            Fail(Join(path, prop.Name), $"unknown key; expected only: {string.Join(", ", known)}");
    }

    public bool IsObject(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.Object) return true;
        Fail(path, "expected an object { … }");
        return false;
    }
}
