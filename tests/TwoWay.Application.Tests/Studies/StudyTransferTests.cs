using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using TwoWay.Application.Studies;
using TwoWay.TestKit;

namespace TwoWay.Application.Tests.Studies;

/// <summary>
/// <c>twoway study push</c> / <c>pull</c>: a study moves between a laptop file and PostgreSQL without
/// loss. Every table is compared row by row, value by value, after the round trip.
/// </summary>
public sealed class StudyTransferTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A study with something in every table: firms with attributes, operations with evidence,
    /// a Georgian and a Russian transcript (with an emoji), codes, codings by two coders, memos,
    /// evidence links, a self-assessment and the study's reference year.</summary>
    private string RichStudy()
    {
        var study = SmallStudy.Create(_dir);
        void Ok(params string[] args)
        {
            var r = CliRunner.Run(args);
            Assert.True(r.ExitCode == 0, $"twoway {string.Join(' ', args)} → {r.ExitCode}: {r.Error}");
        }
        var ka = _dir.Write("ka.txt", "Q: როდის დაიწყეთ?\nA: ჯერ გერმანიიდან ვიყიდეთ მანქანები, შემდეგ შვედეთში გავყიდეთ 🚢.\n");
        var ru = _dir.Write("ru.txt", "В: С чего всё началось?\nО: Сначала мы импортировали станки из Германии, потом начали экспорт в Швецию.\n");
        Ok("sources", "add", study, ka, "--case", "RS-01", "--round", "1", "--role", "director", "--pseudonym", "Nino", "--language", "ka");
        Ok("sources", "add", study, ru, "--case", "PL-01", "--round", "2", "--role", "owner", "--pseudonym", "Олег", "--language", "ru");
        Ok("codes", "starter", study);
        var coded = CliRunner.Run("code", study, "ka", "Mechanisms/Learning", "--phrase", "გერმანიიდან ვიყიდეთ მანქანები", "--coder", "alice", "--json");
        Assert.Equal(0, coded.ExitCode);
        Ok("code", study, "ka", "Mechanisms/Learning", "--phrase", "შვედეთში გავყიდეთ 🚢", "--coder", "bob", "--memo", "emoji kept");
        Ok("code", study, "ru", "Mechanisms/Learning", "--phrase", "импортировали станки из Германии", "--coder", "bob");
        Ok("memos", "add", study, "Почему Германия?", "--case", "PL-01", "--author", "Олег");
        Ok("memos", "add", study, "A project memo");
        var coding = JsonDocument.Parse(coded.Out).RootElement.GetProperty("coding_id").GetString()!;
        Ok("evidence", study, coding, "--operation", "RS-01/1");
        Ok("assess", "--answers", PolicySamplesFile("firm-1.json"), "--study", study, "--firm-id", "RS-01");
        Ok("study", "settings", study, "--as-of", "2019");
        return study;
    }

    private static string PolicySamplesFile(string name) => Policy.PolicySamples.SampleFile("assessments", name);

    [Fact]
    public void A_file_copied_to_another_file_holds_every_row_and_value()
    {
        var study = RichStudy();
        var copy = _dir.File("copy.twoway");
        var r = CliRunner.Run("study", "push", study, "--database", copy, "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        var result = JsonSerializer.Deserialize<StudyCopyResult>(r.Out, PublicJson.Options)!;
        Assert.Equal(11, result.Tables.Count);
        Assert.All(result.Tables, t => Assert.True(t.Rows > 0, $"{t.Table} is empty in the rich study"));
        Assert.Equal(result.Tables.Sum(t => t.Rows), result.Rows);
        Assert.Equal(Dump(study), Dump(copy));
        // The copy is a working study: the same answers come out of it.
        Assert.Equal(CliRunner.Run("analyze", study, "--json").Out.Replace(Path.GetFileName(study), "x").Replace(study, "x"),
            CliRunner.Run("analyze", copy, "--json").Out.Replace(Path.GetFileName(copy), "x").Replace(copy, "x"));
    }

    [Fact]
    [Trait("Category", "PostgreSQL")]
    public async Task A_team_servers_study_is_pulled_without_its_accounts_and_migrates_with_them()
    {
        var study = RichStudy();
        var database = PostgresCluster.Instance.NewDatabase("teampull");
        Assert.Equal(0, CliRunner.Run("study", "push", study, "--database", database).ExitCode);
        await new TwoWay.Application.Team.TeamAccounts(database).AddAsync(new("Мария", TwoWay.Storage.Team.StudyRole.Owner, "a long enough phrase"), "test");
        var pulled = _dir.File("team-pulled.twoway");
        var pull = CliRunner.Run("study", "pull", pulled, "--database", database);
        Assert.True(pull.ExitCode == 0, pull.Error);
        Assert.Equal(Dump(study), Dump(pulled));
        using (var file = new SqliteConnection($"Data Source={pulled};Pooling=False"))
        {
            file.Open();
            using var tables = file.CreateCommand();
            tables.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'team_%'";
            Assert.Equal(0L, (long)tables.ExecuteScalar()!); // no accounts, hashes or keys leave the server
        }
        var migrate = CliRunner.Run("migrate", database, "--json");
        Assert.True(migrate.ExitCode == 0, migrate.Error);
        Assert.Empty(JsonDocument.Parse(migrate.Out).RootElement.GetProperty("applied").EnumerateArray());
    }

    [Fact]
    [Trait("Category", "PostgreSQL")]
    public void A_study_pushed_to_postgresql_and_pulled_back_is_the_same_row_for_row()
    {
        var study = RichStudy();
        var database = PostgresCluster.Instance.NewDatabase("push");
        var push = CliRunner.Run("study", "push", study, "--database", database);
        Assert.True(push.ExitCode == 0, push.Error);
        Assert.Contains("checked by counting", push.Out);
        Assert.DoesNotContain(PostgresCluster.Password, push.Out + push.Error);

        // The server copy works as a study of its own: a new coding there, then pulled back.
        var quotes = CliRunner.Run("quotes", database, "Mechanisms/Learning", "--json");
        Assert.True(quotes.ExitCode == 0, quotes.Error);
        Assert.Contains("შვედეთში გავყიდეთ 🚢", Strings(JsonDocument.Parse(quotes.Out).RootElement));
        var pulled = _dir.File("pulled.twoway");
        var pull = CliRunner.Run("study", "pull", pulled, "--database", database);
        Assert.True(pull.ExitCode == 0, pull.Error);
        Assert.Equal(Dump(study), Dump(pulled));

        // A second push into the same database is refused: it holds data now, and nothing changes.
        var again = CliRunner.Run("study", "push", study, "--database", database);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already holds data", again.Error);
        Assert.DoesNotContain(PostgresCluster.Password, again.Error);
        var repulled = _dir.File("repulled.twoway");
        Assert.Equal(0, CliRunner.Run("study", "pull", repulled, "--database", database).ExitCode);
        Assert.Equal(Dump(study), Dump(repulled));
    }

    [Fact]
    public void An_existing_file_a_study_with_data_and_the_same_study_are_refused_and_left_as_they_were()
    {
        var study = RichStudy();
        var before = Dump(study);
        var existing = _dir.Write("notes.twoway", "my notes");
        var onFile = CliRunner.Run("study", "pull", existing, "--database", study);
        Assert.Equal(1, onFile.ExitCode);
        Assert.Equal("my notes", File.ReadAllText(existing));

        var other = SmallStudy.Create(_dir, "other.twoway");
        var onData = CliRunner.Run("study", "push", study, "--database", other);
        Assert.Equal(1, onData.ExitCode);
        Assert.Contains("already holds data (table firms)", onData.Error);

        var self = CliRunner.Run("study", "push", study, "--database", study);
        Assert.Equal(1, self.ExitCode);
        Assert.Contains("the same study", self.Error);
        Assert.Equal(before, Dump(study));

        Assert.Equal(2, CliRunner.Run("study", "push", study).ExitCode); // --database missing
    }

    [Fact]
    public void An_empty_study_is_a_valid_target()
    {
        var study = RichStudy();
        var empty = _dir.File("empty.twoway");
        Assert.Equal(0, CliRunner.Run("init", empty).ExitCode);
        Assert.Equal(0, CliRunner.Run("study", "push", study, "--database", empty).ExitCode);
        Assert.Equal(Dump(study), Dump(empty));
    }

    /// <summary>Every table of a study file, every row in key order, every column's value: the ground truth to compare.</summary>
    private static string Dump(string file)
    {
        var text = new StringBuilder();
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        c.Open();
        var tables = new List<string>();
        using (var list = c.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__EFMigrationsHistory' ORDER BY name";
            using var r = list.ExecuteReader();
            while (r.Read()) tables.Add(r.GetString(0));
        }
        foreach (var table in tables)
        {
            text.Append("## ").AppendLine(table);
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT * FROM \"{table}\"";
            using var r = cmd.ExecuteReader();
            var rows = new List<string>();
            while (r.Read())
                rows.Add(string.Join(" | ", Enumerable.Range(0, r.FieldCount).Select(i => $"{r.GetName(i)}={Value(r.GetValue(i))}")));
            rows.Sort(StringComparer.Ordinal);
            foreach (var row in rows) text.AppendLine(row);
        }
        return text.ToString();
    }

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    private static string Value(object v) => v switch
    {
        DBNull => "∅",
        byte[] b => Convert.ToHexString(b),
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
