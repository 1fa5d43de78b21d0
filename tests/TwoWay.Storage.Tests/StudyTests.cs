using System.Collections.Immutable;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using TwoWay.Domain;
using TwoWay.Input;

namespace TwoWay.Storage.Tests;

public sealed class StudyTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "twoway-store-" + Guid.NewGuid().ToString("N")[..12]);

    public StudyTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private string File(string name) => Path.Combine(_dir, name);

    internal static Firm Firm(string id, string name = "Alpha d.o.o.", string country = "RS") =>
        new(new FirmId(id), name, CountryCode.Parse(country), "C25.1", SizeClass.Small, 1994,
            ImmutableSortedDictionary<string, string>.Empty.Add("economy", "post-transition").Add("region", "Vojvodina"));

    /// <summary>An operation with every optional field set, to prove nothing is lost.</summary>
    internal static Operation FullOperation(string id, string firm) =>
        new(new OperationId(id), new FirmId(firm), Direction.Outward, Mode.GoodsTrade, CountryCode.Parse("DE"),
            new YearMonth(2003, 4), new YearMonth(2014), "Müller GmbH", TradeChannel.Indirect,
            new Volume(1234567.891m, CurrencyCode.Parse("EUR"), 0.125), new EndReason(EndReasonKind.Sanctions, "EU restrictive measures"),
            [new Evidence(EvidenceKind.Interview, "CEO", 2, "We started with a German distributor; \"it was small\"."),
             new Evidence(EvidenceKind.CustomsRecord, "SAD 2003/118")]);

    internal static Operation SimpleOperation(string id, string firm, Direction direction = Direction.Inward, int start = 1999) =>
        new(new OperationId(id), new FirmId(firm), direction, Mode.Licensing, CountryCode.Parse("IT"), new YearMonth(start));

    [Fact]
    public void Saved_cases_load_back_equal_with_every_field()
    {
        var firms = new[] { Firm("RS-01"), Firm("PL-02", "Beta sp. z o.o.", "PL") with { } };
        var ops = new[] { FullOperation("RS-01/1", "RS-01"), SimpleOperation("RS-01/2", "RS-01"), SimpleOperation("PL-02/1", "PL-02", Direction.Outward, 2010) };
        using (var study = Study.Create(File("s.twoway")))
        {
            var summary = study.Save(firms, ops);
            Assert.Equal(new SaveSummary(2, 0, 3, 0), summary);
        }
        using var reopened = Study.Open(File("s.twoway"));
        var cases = reopened.LoadCases();
        Assert.Equal(["PL-02", "RS-01"], cases.Select(c => c.Firm.Id.Value));
        var expected = new[]
        {
            new FirmCase(firms[1], [ops[2]]),
            new FirmCase(firms[0], [ops[0], ops[1]]),
        };
        Assert.Equal(expected, cases);
        Assert.Equal(expected[1], reopened.LoadCase(new FirmId("RS-01")));
        Assert.Null(reopened.LoadCase(new FirmId("XX-99")));
        Assert.Equal(firms.OrderBy(f => f.Id), reopened.LoadFirms());
        Assert.Equal((1, 1), reopened.OperationCounts()[new FirmId("RS-01")]);
    }

    [Fact]
    public void A_firm_without_optional_fields_round_trips()
    {
        var firm = new Firm(new FirmId("GE-1"), "Gamma LLC", CountryCode.Parse("GE"));
        var op = new Operation(new OperationId("x"), firm.Id, Direction.Inward, Mode.Finance, CountryCode.Parse("TR"), new YearMonth(2001),
            volume: new Volume(shareOfTotal: 0.3));
        using var study = Study.Create(File("s.twoway"));
        study.Save([firm], [op]);
        Assert.Equal([new FirmCase(firm, [op])], study.LoadCases());
    }

    [Fact]
    public void Create_refuses_an_existing_file_and_leaves_it_untouched()
    {
        var path = File("taken.twoway");
        System.IO.File.WriteAllText(path, "precious");
        var ex = Assert.Throws<InputException>(() => Study.Create(path));
        Assert.Contains("never overwrites", ex.Message);
        Assert.Equal("precious", System.IO.File.ReadAllText(path));
    }

    [Fact]
    public void Open_refuses_a_missing_file_and_a_file_that_is_not_a_study()
    {
        var missing = Assert.Throws<InputException>(() => Study.Open(File("none.twoway")));
        Assert.Contains("twoway init", missing.Message);
        Assert.False(System.IO.File.Exists(File("none.twoway")));

        var text = File("notes.twoway");
        System.IO.File.WriteAllText(text, "just some text, long enough to have a header");
        Assert.Contains("not a TwoWay study", Assert.Throws<InputException>(() => Study.Open(text)).Message);

        var other = File("other.db");
        using (var c = new SqliteConnection($"Data Source={other};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE t (x INTEGER)";
            cmd.ExecuteNonQuery();
        }
        Assert.Contains("no TwoWay schema", Assert.Throws<InputException>(() => Study.Open(other)).Message);
    }

    [Fact]
    public void Saving_an_id_already_stored_is_refused_whole_by_default()
    {
        using var study = Study.Create(File("s.twoway"));
        study.Save([Firm("A")], [SimpleOperation("A/1", "A")]);
        var ex = Assert.Throws<InputException>(() =>
            study.Save([Firm("B"), Firm("A", "Renamed")], [SimpleOperation("B/1", "B"), SimpleOperation("A/1", "A", start: 2005)]));
        Assert.Contains(ex.Errors, e => e.Field == "firm_id" && e.Message.Contains("'A' is already stored"));
        Assert.Contains(ex.Errors, e => e.Field == "operation_id" && e.Message.Contains("'A/1' is already stored"));
        // Nothing of the refused batch was written, not even the new firm B.
        var cases = study.LoadCases();
        Assert.Equal(["A"], cases.Select(c => c.Firm.Id.Value));
        Assert.Equal("Alpha d.o.o.", cases[0].Firm.Name);
        Assert.Equal(1999, cases[0].Operations.Single().Start.Year);
    }

    [Fact]
    public void An_operation_of_an_unknown_firm_is_refused_and_nothing_is_stored()
    {
        using var study = Study.Create(File("s.twoway"));
        var ex = Assert.Throws<InputException>(() => study.Save([Firm("A")], [SimpleOperation("Z/1", "Z")]));
        Assert.Contains("'Z', which is neither given nor stored", ex.Message);
        Assert.Empty(study.LoadCases());
    }

    [Fact]
    public void Operations_may_refer_to_a_firm_stored_earlier()
    {
        using var study = Study.Create(File("s.twoway"));
        study.Save([Firm("A")], []);
        study.Save([], [SimpleOperation("A/1", "A")]);
        Assert.Single(study.LoadCases().Single().Operations);
    }

    [Fact]
    public void Replace_updates_named_firms_and_operations_and_keeps_everything_else()
    {
        using var study = Study.Create(File("s.twoway"));
        study.Save([Firm("A"), Firm("B", "Beta")], [FullOperation("A/1", "A"), SimpleOperation("A/2", "A"), SimpleOperation("B/1", "B")]);

        var renamed = new Firm(new FirmId("A"), "Alpha renamed", CountryCode.Parse("RS"),
            attributes: ImmutableSortedDictionary<string, string>.Empty.Add("new", "yes"));
        var changed = SimpleOperation("A/1", "A", Direction.Outward, 2008);
        var summary = study.Save([renamed, Firm("C", "Gamma")], [changed, SimpleOperation("C/1", "C")], SaveMode.Replace);
        Assert.Equal(new SaveSummary(1, 1, 1, 1), summary);

        var cases = study.LoadCases().ToDictionary(c => c.Firm.Id.Value);
        Assert.Equal(renamed, cases["A"].Firm);
        // A/2 was not in the batch: it stays with its (updated) firm.
        Assert.Equal([changed, SimpleOperation("A/2", "A")], cases["A"].Operations.OrderBy(o => o.Id));
        Assert.Empty(cases["A"].Operations.Single(o => o.Id.Value == "A/1").Evidence);
        Assert.Equal("Beta", cases["B"].Firm.Name);
        Assert.Single(cases["C"].Operations);
    }

    [Fact]
    public void Duplicate_ids_within_one_batch_are_refused()
    {
        using var study = Study.Create(File("s.twoway"));
        Assert.Throws<InputException>(() => study.Save([Firm("A"), Firm("A")], []));
        Assert.Throws<InputException>(() => study.Save([Firm("A")], [SimpleOperation("1", "A"), SimpleOperation("1", "A")]));
        Assert.Empty(study.LoadCases());
    }

    [Fact]
    public void Ids_lists_what_is_stored()
    {
        using var study = Study.Create(File("s.twoway"));
        study.Save([Firm("A")], [SimpleOperation("A/1", "A")]);
        var ids = study.Ids();
        Assert.Equal([new FirmId("A")], ids.Firms);
        Assert.Equal([new OperationId("A/1")], ids.Operations);
    }

    [Fact]
    public void Opening_a_study_with_an_older_schema_backs_it_up_then_migrates()
    {
        // A study made by an imagined earlier version: its history names a migration this build
        // does not have, and the current migrations are pending.
        var path = File("old.twoway");
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                CREATE TABLE "__EFMigrationsHistory" ("MigrationId" TEXT NOT NULL PRIMARY KEY, "ProductVersion" TEXT NOT NULL);
                INSERT INTO "__EFMigrationsHistory" VALUES ('00000000000000_Older', '9.0.0');
                CREATE TABLE notes (text TEXT);
                INSERT INTO notes VALUES ('kept');
                """;
            cmd.ExecuteNonQuery();
        }
        var before = System.IO.File.ReadAllBytes(path);
        using (var study = Study.Open(path))
        {
            study.Save([Firm("A")], []);
            Assert.Single(study.LoadFirms());
        }
        var backup = Assert.Single(Directory.GetFiles(_dir, "old.twoway.backup-*"));
        Assert.Equal(before, System.IO.File.ReadAllBytes(backup));

        // Opening again: nothing pending, so no second backup.
        using (Study.Open(path)) { }
        Assert.Single(Directory.GetFiles(_dir, "old.twoway.backup-*"));
    }

    [Fact]
    public void Location_chooses_the_provider_from_what_the_user_typed()
    {
        var file = StudyLocation.Parse("study.twoway");
        Assert.Equal(StudyProvider.Sqlite, file.Provider);
        Assert.Equal(Path.GetFullPath("study.twoway"), file.FilePath);
        var ds = StudyLocation.Parse("Data Source=/tmp/x.twoway");
        Assert.Equal("/tmp/x.twoway", ds.FilePath);
        var pg = StudyLocation.Parse("Host=db.example.org;Database=twoway;Username=u;Password=secret");
        Assert.Equal(StudyProvider.PostgreSql, pg.Provider);
        Assert.Null(pg.FilePath);
        Assert.DoesNotContain("secret", pg.Display);
    }

    [Fact]
    public void The_migrations_generate_portable_PostgreSQL_DDL()
    {
        // No server is needed to script the migrations for PostgreSQL: this proves the model and
        // the provider-neutral migrations map onto PostgreSQL types (no SQLite-only SQL).
        var location = StudyLocation.Parse("Host=localhost;Database=twoway_ddl_check;Username=u;Password=p");
        using var db = new StudyDbContext(location.Options());
        var script = db.GetService<IMigrator>().GenerateScript();
        
        Assert.Contains("CREATE TABLE firms", script);
        Assert.Contains("share_of_total double precision", script);
        Assert.Contains("annual_value numeric", script);
        Assert.Contains("id character varying(64) NOT NULL", script);
        Assert.DoesNotContain(" REAL", script);
        Assert.DoesNotContain(" TEXT", script);
        Assert.DoesNotContain("AUTOINCREMENT", script, StringComparison.OrdinalIgnoreCase);
    }
}
