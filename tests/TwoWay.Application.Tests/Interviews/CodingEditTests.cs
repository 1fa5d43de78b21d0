using System.Text.Json;
using TwoWay.Application.Interviews;
using TwoWay.Input;
using TwoWay.Storage;
using TwoWay.Storage.Qualitative;
using TwoWay.TestKit;

namespace TwoWay.Application.Tests.Interviews;

/// <summary><c>code edit</c> and <c>code remove</c> (issue 16): the checks of <c>code</c>, short ids, evidence kept safe.</summary>
public sealed class CodingEditTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _study;

    public CodingEditTests()
    {
        _study = SmallStudy.Create(_dir);
        _dir.Write("t.txt", "Q: Kako ste počeli?\nA: Prvo smo uvozili mašine iz Nemačke,\nzatim smo izvozili u Rusiju.\n");
        Ok("sources", "add", _study, _dir.File("t.txt"), "--case", "RS-01");
        Ok("codes", "add", _study, "Learning");
        Ok("codes", "add", _study, "Exporting");
    }

    public void Dispose() => _dir.Dispose();

    private static CliRunner.Result Ok(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 0, $"{string.Join(' ', args)}: {r.Error}");
        return r;
    }

    private string Code(string phrase, string code = "Learning", string coder = "ana") =>
        JsonDocument.Parse(Ok("code", _study, "t", code, "--phrase", phrase, "--coder", coder, "--json").Out).RootElement.GetProperty("coding_id").GetString()!;

    private IReadOnlyList<TwoWay.Qualitative.Coding> Codings()
    {
        using var s = Study.Open(_study);
        return QualitativeStore.SnapshotAsync(s).GetAwaiter().GetResult().Project.Codings;
    }

    [Fact]
    public void A_boundary_moves_by_phrase_or_span_and_the_code_changes_by_a_short_id()
    {
        var id = Code("uvozili mašine");
        var shortId = id.Replace("-", "")[..8];
        var moved = Ok("code", "edit", _study, shortId, "--phrase", "Prvo smo uvozili mašine iz Nemačke");
        Assert.Contains($"Coding {shortId} is now", moved.Out);
        var coding = Assert.Single(Codings());
        Assert.Equal("Prvo smo uvozili mašine iz Nemačke", coding.Span.Of(File.ReadAllText(_dir.File("t.txt")).ReplaceLineEndings("\n")));
        Ok("code", "edit", _study, id[..6], "--code", "Exporting", "--memo", "recoded");
        coding = Assert.Single(Codings());
        Assert.Equal("recoded", coding.Memo);
        Assert.Equal(Guid.Parse(id), coding.Id);
        Ok("code", "edit", _study, shortId, "--span", $"{coding.Span.Start}-{coding.Span.Start + 4}");
        Assert.Equal(4, Assert.Single(Codings()).Span.Length);
    }

    [Fact]
    public void An_edit_is_checked_as_a_new_coding_is_and_stores_nothing_when_refused()
    {
        var a = Code("uvozili mašine");
        Code("izvozili u Rusiju");
        var before = Codings();
        var overlap = CliRunner.Run("code", "edit", _study, a[..8], "--phrase", "mašine iz Nemačke,\nzatim smo izvozili");
        Assert.Equal(1, overlap.ExitCode);
        Assert.Contains("overlaps", overlap.Error);
        Assert.Contains("code edit STUDY", overlap.Error); // says how to move the other one instead
        Assert.Equal(1, CliRunner.Run("code", "edit", _study, a[..8], "--span", "5-999").ExitCode);
        Assert.Equal(1, CliRunner.Run("code", "edit", _study, "zzzz", "--span", "1-2").ExitCode);
        Assert.Equal(2, CliRunner.Run("code", "edit", _study, a[..8]).ExitCode); // nothing to change
        Assert.Equal(before, Codings());
    }

    [Fact]
    public void Removing_a_coding_that_is_evidence_needs_force_and_takes_its_links_along()
    {
        var id = Code("uvozili mašine");
        Ok("evidence", _study, id[..8], "--operation", "RS-01/1"); // a short id works for evidence too
        var refused = CliRunner.Run("code", "remove", _study, id[..8]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("evidence for operation RS-01/1", refused.Error);
        Assert.Single(Codings());
        var removed = Ok("code", "remove", _study, id[..8], "--force");
        Assert.Contains("and its evidence links (operation RS-01/1)", removed.Out);
        Assert.Empty(Codings());
        using var s = Study.Open(_study);
        Assert.Empty(QualitativeStore.SnapshotAsync(s).GetAwaiter().GetResult().Links);
    }

    [Fact]
    public void A_prefix_two_codings_share_is_refused_by_name()
    {
        TwoWay.Qualitative.Coding C(string id) => new(Guid.Parse(id), Guid.NewGuid(), Guid.NewGuid(), new(0, 1), "x");
        var codings = new[] { C("aaaa1111-0000-0000-0000-000000000001"), C("aaaa2222-0000-0000-0000-000000000002") };
        var e = Assert.Throws<InputException>(() => TwoWay.Qualitative.CodingIds.Find(codings, "AAAA"));
        Assert.Contains("starts more than one coding id (aaaa1111, aaaa2222", e.Message);
        Assert.Same(codings[1], TwoWay.Qualitative.CodingIds.Find(codings, "aaaa-2"));
        Assert.Contains("no coding has id bbbb", Assert.Throws<InputException>(() => TwoWay.Qualitative.CodingIds.Find(codings, "bbbb")).Message);
        Assert.Contains("at least the first 4", Assert.Throws<InputException>(() => TwoWay.Qualitative.CodingIds.Find(codings, "aaa")).Message);
    }

    [Fact]
    public void A_stale_version_is_a_conflict()
    {
        var id = Code("uvozili mašine");
        var workbench = new InterviewWorkbench(_study);
        Assert.Throws<EditConflictException>(() =>
            workbench.EditCodingAsync(new EditCodingRequest(id, Memo: "late", Version: 999)).GetAwaiter().GetResult());
        Assert.Null(Assert.Single(Codings()).Memo);
    }
}
