using System.Text.Json;
using TwoWay.Application.Evidence;
using TwoWay.Application.Interviews;
using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Qualitative;
using TwoWay.Storage;
using TwoWay.TestKit;

namespace TwoWay.Application.Tests.Interviews;

/// <summary>The interview workbench's use cases on a real SQLite study: units of work, concurrency, conflicts.</summary>
public sealed class InterviewWorkbenchTests : IDisposable
{
    private const string Transcript = "Q: When did you start?\nA: We licensed the design from a German firm. That taught us how to export, and later we sold abroad.";

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A study with one transcript "t" and the starter codebook.</summary>
    private async Task<string> StudyAsync()
    {
        var path = _dir.File("s.twoway");
        using (Study.Create(path)) { }
        File.WriteAllText(_dir.File("t.txt"), Transcript);
        var workbench = new InterviewWorkbench(path);
        await workbench.AddSourceAsync(new AddSourceRequest(_dir.File("t.txt")));
        await workbench.AddStarterCodebookAsync();
        return path;
    }

    [Fact]
    public async Task Eight_memos_and_six_codings_written_at_once_are_all_stored()
    {
        var study = await StudyAsync();
        // Each writer has its own service (as each web request would); they run on the thread pool at once.
        var memos = Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            new InterviewWorkbench(study).AddMemoAsync(new AddMemoRequest($"memo {i}", Code: "Mechanisms/Learning", Author: $"writer {i}")))).ToList();
        var codings = Enumerable.Range(0, 6).Select(i => Task.Run(() =>
            new InterviewWorkbench(study).CodeAsync(new CodePassageRequest("t", "Mechanisms/Learning", $"coder {i}", Span: $"{10 * i}-{10 * i + 8}")))).ToList();
        await Task.WhenAll(Task.WhenAll(memos), Task.WhenAll(codings));

        var reader = new InterviewWorkbench(study);
        var storedMemos = (await reader.ListMemosAsync()).Memos;
        Assert.Equal(memos.Select(m => m.Result.MemoId).Order(), storedMemos.Select(m => m.MemoId).Order());
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"memo {i}"), storedMemos.Select(m => m.Text).Order(StringComparer.Ordinal));
        var quotes = (await reader.QuotesAsync(new QuotesRequest("Mechanisms/Learning"))).Quotations;
        Assert.Equal(codings.Select(c => c.Result.CodingId).Order(), quotes.Select(q => q.CodingId).Order());
        Assert.Equal(Enumerable.Range(0, 6).Select(i => (10 * i, 10 * i + 8)), quotes.Select(q => (q.Start, q.End)).Order());
        Assert.Equal(6, (await reader.ListSourcesAsync()).Sources.Single().Codings);
    }

    [Fact]
    public async Task A_second_rename_from_the_same_read_version_is_refused_and_changes_nothing()
    {
        var study = await StudyAsync();
        var learning = (await new InterviewWorkbench(study).ListCodesAsync()).Codes.Single(c => c.Path == "Mechanisms/Learning");

        var first = await new InterviewWorkbench(study).RenameCodeAsync(new RenameCodeRequest(learning.CodeId.ToString(), "Learning by importing", learning.Version));
        Assert.Equal("Mechanisms/Learning by importing", first.Path);
        var conflict = await Assert.ThrowsAsync<EditConflictException>(() =>
            new InterviewWorkbench(study).RenameCodeAsync(new RenameCodeRequest(learning.CodeId.ToString(), "Learning from partners", learning.Version)));
        Assert.Contains("changed by someone else", conflict.Errors[0].Message);

        var after = (await new InterviewWorkbench(study).ListCodesAsync()).Codes.Single(c => c.CodeId == learning.CodeId);
        Assert.Equal("Mechanisms/Learning by importing", after.Path);
        Assert.True(after.Version > learning.Version);
        // From the version read now, the rename goes through; without a version it is not checked.
        await new InterviewWorkbench(study).RenameCodeAsync(new RenameCodeRequest(learning.CodeId.ToString(), "Learning from partners", after.Version));
        Assert.Equal("Mechanisms/Learning again", (await new InterviewWorkbench(study).RenameCodeAsync(new RenameCodeRequest("Mechanisms/Learning from partners", "Learning again"))).Path);
    }

    [Fact]
    public async Task A_refused_edit_stores_nothing_and_names_the_field()
    {
        var study = await StudyAsync();
        var workbench = new InterviewWorkbench(study);
        var bad = await Assert.ThrowsAsync<InputException>(() => workbench.CodeAsync(new CodePassageRequest("t", "Mechanisms/Learning", "alice", Span: "5-5000")));
        Assert.Equal("span", bad.Errors[0].Field);
        Assert.Equal("code", (await Assert.ThrowsAsync<InputException>(() => workbench.CodeAsync(new CodePassageRequest("t", "No/Such", "alice", Phrase: "German")))).Errors[0].Field);
        Assert.Equal("case", (await Assert.ThrowsAsync<InputException>(() => workbench.AddMemoAsync(new AddMemoRequest("x", Case: "XX-99")))).Errors[0].Field);
        Assert.Empty((await workbench.MatrixAsync(new MatrixRequest())).Rows.Where(r => r.Total > 0));
        Assert.Empty((await workbench.ListMemosAsync()).Memos);
    }

    [Fact]
    public async Task Code_rows_keep_their_version_out_of_the_public_json()
    {
        var study = await StudyAsync();
        var json = JsonDocument.Parse(PublicJson.Serialize(await new InterviewWorkbench(study).ListCodesAsync())).RootElement;
        var keys = json.GetProperty("codes")[0].EnumerateObject().Select(p => p.Name);
        Assert.Equal(["code_id", "path", "name", "parent_id", "codable", "colour", "description", "codings"], keys);
    }

    [Fact]
    public void Evidence_targets_are_read_into_typed_links_naming_the_field_that_cannot_be_read()
    {
        var coding = Guid.NewGuid();
        Assert.Equal(new EvidenceLink(coding, EvidenceTarget.Operation(new OperationId("RS-01/1"))),
            EvidenceService.Parse(new EvidenceLinkRequest(coding.ToString(), Operation: "RS-01/1")));
        Assert.Equal(new EvidenceLink(coding, EvidenceTarget.Connection(new ConnectionId(new OperationId("RS-01/1"), new OperationId("RS-01/4")))),
            EvidenceService.Parse(new EvidenceLinkRequest(coding.ToString(), Connection: "RS-01/1>RS-01/4")));
        string Field(EvidenceLinkRequest r) => Assert.Throws<InputException>(() => EvidenceService.Parse(r)).Errors[0].Field!;
        Assert.Equal("coding", Field(new EvidenceLinkRequest("not-a-guid", Operation: "RS-01/1")));
        Assert.Equal("connection", Field(new EvidenceLinkRequest(coding.ToString(), Connection: "RS-01/1")));
        Assert.Equal("target", Field(new EvidenceLinkRequest(coding.ToString())));
        Assert.Equal("target", Field(new EvidenceLinkRequest(coding.ToString(), "RS-01/1", "RS-01/1>RS-01/4")));
    }
}
