using Microsoft.EntityFrameworkCore;
using Npgsql;
using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Qualitative;
using TwoWay.Storage.Assessments;
using TwoWay.Storage.Qualitative;
using TwoWay.TestKit;

namespace TwoWay.Storage.Tests;

/// <summary>
/// What every storage provider must do, run once on SQLite and once on a real PostgreSQL server
/// (see the two classes at the end): every store API, the migrations, and concurrent writers.
/// </summary>
public abstract class StoreContract : IDisposable
{
    protected readonly TempDir Dir = new();

    /// <summary>A location for a new, not yet created study.</summary>
    protected abstract string NewLocation();

    public void Dispose() => Dir.Dispose();

    private Study NewStudy() => Study.Create(NewLocation());

    private static Source Transcript(string name, string text = "We imported machines from Germany, then exported to Sweden.") =>
        new(Guid.NewGuid(), name, text, null, new Respondent("CEO", "Ana"), 1, new DateOnly(2024, 5, 2), "en");

    private static Code NewCode(string name, Guid? parent = null) => new(Guid.NewGuid(), name, null, null, true, parent);

    [Fact]
    public void Cases_round_trip_with_every_field_and_replace_keeps_unnamed_operations()
    {
        using var study = NewStudy();
        var firm = StudyTests.Firm("RS-01");
        study.Save([firm], [StudyTests.FullOperation("RS-01/1", "RS-01"), StudyTests.SimpleOperation("RS-01/2", "RS-01")]);
        var loaded = Assert.Single(study.LoadCases());
        Assert.Equal(firm, loaded.Firm);
        Assert.Equal(StudyTests.FullOperation("RS-01/1", "RS-01"), loaded.Operations.Single(o => o.Id.Value == "RS-01/1"));

        var renamed = StudyTests.Firm("RS-01", "Alpha renamed");
        var summary = study.Save([renamed], [StudyTests.SimpleOperation("RS-01/1", "RS-01")], SaveMode.Replace);
        Assert.Equal(new SaveSummary(0, 1, 0, 1), summary);
        var again = Assert.Single(study.LoadCases());
        Assert.Equal("Alpha renamed", again.Firm.Name);
        Assert.Equal(2, again.Operations.Count());
    }

    [Fact]
    public void A_refused_save_stores_nothing()
    {
        using var study = NewStudy();
        study.Save([StudyTests.Firm("A")], []);
        Assert.Throws<InputException>(() => study.Save([StudyTests.Firm("B"), StudyTests.Firm("A")], [StudyTests.SimpleOperation("B/1", "B")]));
        Assert.Equal(["A"], study.LoadFirms().Select(f => f.Id.Value));
        Assert.Empty(study.LoadCases().SelectMany(c => c.Operations));
    }

    [Fact]
    public async Task The_workbench_round_trips_and_writes_only_what_changed()
    {
        using var study = NewStudy();
        var source = Transcript("RS-01 round 1");
        var code = NewCode("Learning");
        var coding = new Coding(Guid.NewGuid(), source.Id, code.Id, new TextSpan(3, 11), "alice", "first");
        var memo = new Memo(Guid.NewGuid(), MemoTarget.Code, code.Id.ToString(), "Learning from imports", "alice");
        var edit = await QualitativeStore.EditAsync(study, s => (s.Project.AddSource(source).AddCode(code).AddCoding(coding).AddMemo(memo), "done"));
        Assert.True(edit.Stored);
        Assert.Equal("done", edit.Result);

        var snapshot = await QualitativeStore.SnapshotAsync(study);
        Assert.Equal(source, Assert.Single(snapshot.Project.Sources));
        Assert.Equal(coding, Assert.Single(snapshot.Project.Codings));
        Assert.Equal(memo, Assert.Single(snapshot.Project.Memos));
        Assert.Equal(0, snapshot.VersionOf(code.Id));

        await QualitativeStore.EditAsync(study, s => (s.Project.RenameCode(code.Id, "Learning by importing"), 0));
        var after = await QualitativeStore.SnapshotAsync(study);
        Assert.Equal("Learning by importing", after.Project.Codebook.Find(code.Id)!.Name);
        Assert.Equal(1, after.VersionOf(code.Id));
        Assert.Equal(0, after.VersionOf(source.Id));
        Assert.Equal(0, after.VersionOf(coding.Id));
    }

    [Fact]
    public async Task Eight_memos_and_six_codings_written_at_once_are_all_kept()
    {
        using var study = NewStudy();
        var source = Transcript("interview", string.Concat(Enumerable.Repeat("Imports taught us exporting. ", 20)));
        var code = NewCode("Learning");
        await QualitativeStore.EditAsync(study, s => (s.Project.AddSource(source).AddCode(code), 0));

        // Each writer opens its own study handle, as separate processes and web requests do.
        var writers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            using var mine = Study.Open(study.Location);
            await QualitativeStore.EditAsync(mine, s => (s.Project.AddMemo(new Memo(Guid.NewGuid(), MemoTarget.Project, "", $"memo {i}", "alice")), 0));
        })).Concat(Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            using var mine = Study.Open(study.Location);
            await QualitativeStore.EditAsync(mine, s => (s.Project.AddCoding(new Coding(Guid.NewGuid(), source.Id, code.Id, new TextSpan(i * 29, i * 29 + 7), $"coder{i}", null)), 0));
        }))).ToList();
        await Task.WhenAll(writers);

        var p = (await QualitativeStore.SnapshotAsync(study)).Project;
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"memo {i}").Order(), p.Memos.Select(m => m.Text).Order());
        Assert.Equal(6, p.Codings.Count);
    }

    [Fact]
    public async Task A_read_inside_a_writers_unit_of_work_does_not_wait_for_it()
    {
        using var study = NewStudy();
        study.Save([StudyTests.Firm("RS-01")], []);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var edit = await QualitativeStore.EditAsync(study, s => (s.Project.AddSource(Transcript("t")), study.LoadCase(new FirmId("RS-01"))?.Firm.Name));
        Assert.Equal("Alpha d.o.o.", edit.Result);
        // Waiting for the writer lock would take minutes (the lock wait) before failing.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task An_edit_made_from_an_outdated_view_is_a_conflict_and_stores_nothing()
    {
        using var study = NewStudy();
        var code = NewCode("Learning");
        await QualitativeStore.EditAsync(study, s => (s.Project.AddCode(code), 0));
        var seen = (await QualitativeStore.SnapshotAsync(study)).VersionOf(code.Id);

        // Two people read version `seen`; the first renames; the second's rename must not overwrite it.
        await QualitativeStore.EditAsync(study, s => { s.Expect(code.Id, seen, "code 'Learning'"); return (s.Project.RenameCode(code.Id, "First"), 0); });
        var ex = await Assert.ThrowsAsync<EditConflictException>(() =>
            QualitativeStore.EditAsync(study, s => { s.Expect(code.Id, seen, "code 'Learning'"); return (s.Project.RenameCode(code.Id, "Second"), 0); }));
        Assert.Contains("changed by someone else", ex.Message);
        Assert.Equal("First", (await QualitativeStore.LoadAsync(study)).Codebook.Find(code.Id)!.Name);
    }

    [Fact]
    public async Task Evidence_links_are_typed_and_a_linked_coding_cannot_silently_disappear()
    {
        using var study = NewStudy();
        study.Save([StudyTests.Firm("RS-01")], [StudyTests.SimpleOperation("RS-01/1", "RS-01"), StudyTests.SimpleOperation("RS-01/2", "RS-01", Direction.Outward, 2004)]);
        var source = Transcript("t");
        var code = NewCode("Connection");
        var coding = new Coding(Guid.NewGuid(), source.Id, code.Id, new TextSpan(0, 11), "alice", null);
        await QualitativeStore.EditAsync(study, s => (s.Project.AddSource(source).AddCode(code).AddCoding(coding), 0));

        var connection = new ConnectionId(new OperationId("RS-01/1"), new OperationId("RS-01/2"));
        await QualitativeStore.LinkAsync(study, new EvidenceLink(coding.Id, EvidenceTarget.Connection(connection)));
        await QualitativeStore.LinkAsync(study, new EvidenceLink(coding.Id, EvidenceTarget.Operation(new OperationId("RS-01/1"))));
        await QualitativeStore.LinkAsync(study, new EvidenceLink(coding.Id, EvidenceTarget.Operation(new OperationId("RS-01/1"))));
        var links = (await QualitativeStore.SnapshotAsync(study)).Links;
        Assert.Equal(2, links.Count);
        Assert.Contains(links, l => l.Target == EvidenceTarget.Connection(connection));

        await Assert.ThrowsAsync<InputException>(() => QualitativeStore.LinkAsync(study,
            new EvidenceLink(coding.Id, EvidenceTarget.Operation(new OperationId("nope")))));
        await Assert.ThrowsAsync<InputException>(() => QualitativeStore.EditAsync(study, s => (s.Project.RemoveCoding(coding.Id), 0)));
        Assert.Single((await QualitativeStore.LoadAsync(study)).Codings);

        var removed = await QualitativeStore.EditAsync(study, s => (s.Project.RemoveCoding(coding.Id), 0), unlinkLostEvidence: true);
        Assert.Equal(2, removed.UnlinkedEvidence);
        Assert.Empty((await QualitativeStore.SnapshotAsync(study)).Links);
    }

    [Fact]
    public async Task Assessments_attached_at_once_get_distinct_numbers()
    {
        using var study = NewStudy();
        study.Save([StudyTests.Firm("RS-01")], []);
        var numbers = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Task.Run(() =>
            study.AttachAssessment(new FirmId("RS-01"), "holistic", "1", $"a{i}.json", "{}"))));
        Assert.Equal([1, 2, 3, 4, 5], numbers.Order());
        Assert.Equal(5, study.LoadAssessments(new FirmId("RS-01")).Count);
    }

    [Fact]
    public void A_study_written_by_a_newer_version_is_refused_and_left_unchanged()
    {
        var location = NewLocation();
        using (var study = Study.Create(location))
        {
            using var db = study.CreateDbContext();
            db.Database.ExecuteSqlRaw("INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('29991231000000_FromTheFuture', '99.0.0')");
        }
        var ex = Assert.Throws<InputException>(() => Study.Open(location));
        Assert.Contains("newer version of TwoWay", ex.Message);
        Assert.Throws<InputException>(() => Study.Migrate(location));
    }

    [Fact]
    public void Create_refuses_a_location_that_already_holds_a_study()
    {
        var location = NewLocation();
        using (Study.Create(location)) { }
        Assert.Throws<InputException>(() => Study.Create(location));
    }
}

public sealed class SqliteStoreTests : StoreContract
{
    protected override string NewLocation() => Dir.File($"s-{Guid.NewGuid():N}.twoway");
}

[Trait("Category", "PostgreSQL")]
public sealed class PostgresStoreTests : StoreContract
{
    protected override string NewLocation() => PostgresCluster.Instance.NewDatabase();

    [Fact]
    public void A_pending_migration_on_a_server_waits_for_twoway_migrate()
    {
        var location = NewLocation();
        using (var study = Study.Create(location))
        {
            using var db = study.CreateDbContext();
            db.Database.ExecuteSqlRaw("DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" LIKE '%_RowVersions'");
            foreach (var table in new[] { "firms", "operations", "qual_sources", "qual_codes", "qual_codings", "qual_memos" })
                db.Database.ExecuteSqlRaw($"ALTER TABLE {table} DROP COLUMN version");
        }
        var ex = Assert.Throws<InputException>(() => Study.Open(location));
        Assert.Contains("twoway migrate", ex.Message);
        Assert.DoesNotContain(PostgresCluster.Password, ex.Message);
        var applied = Study.Migrate(location);
        Assert.Single(applied, m => m.EndsWith("_RowVersions", StringComparison.Ordinal));
        using var opened = Study.Open(location);
        opened.Save([StudyTests.Firm("A")], []);
        Assert.Single(opened.LoadFirms());
    }

    [Fact]
    public void A_wrong_password_and_a_refused_port_are_bad_input_that_never_shows_the_password()
    {
        var good = new NpgsqlConnectionStringBuilder(PostgresCluster.Instance.NewDatabase());
        var wrong = new NpgsqlConnectionStringBuilder(good.ConnectionString) { Password = "Wr0ng-Secret-Pass" };
        var ex = Assert.Throws<InputException>(() => Study.Create(wrong.ConnectionString));
        Assert.Contains("refused the login", ex.Message);
        Assert.DoesNotContain("Wr0ng-Secret-Pass", ex.ToString());

        var closed = new NpgsqlConnectionStringBuilder(good.ConnectionString) { Port = 1, Timeout = 3 };
        var ex2 = Assert.Throws<InputException>(() => Study.Open(closed.ConnectionString));
        Assert.Contains("could not reach the PostgreSQL server", ex2.Message);
        Assert.DoesNotContain(PostgresCluster.Password, ex2.ToString());
    }
}
