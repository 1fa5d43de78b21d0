using TwoWay.Application.Evidence;
using TwoWay.Application.Interviews;
using TwoWay.Input;
using TwoWay.TestKit;

namespace TwoWay.Application.Tests.Interviews;

/// <summary>Evidence links through the service on a real SQLite study with firms and operations.</summary>
public sealed class EvidenceServiceTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Links_are_checked_listed_operations_first_and_unlinked()
    {
        var study = _dir.File("s.twoway");
        Assert.Equal(0, CliRunner.Run("init", study).ExitCode);
        File.WriteAllText(_dir.File("firms.csv"), "firm_id,name,home_country\nRS-01,Alfa d.o.o.,RS\n");
        File.WriteAllText(_dir.File("ops.csv"), "operation_id,firm_id,direction,mode,partner_country,start\n" +
            "RS-01/1,RS-01,inward,licensing,DE,1999\nRS-01/2,RS-01,outward,goods_trade,DE,2003\n");
        Assert.Equal(0, CliRunner.Run("import", study, _dir.File("firms.csv"), "--kind", "firms").ExitCode);
        Assert.Equal(0, CliRunner.Run("import", study, _dir.File("ops.csv"), "--kind", "operations").ExitCode);
        File.WriteAllText(_dir.File("t.txt"), "We licensed the design from a German firm.");
        var workbench = new InterviewWorkbench(study);
        await workbench.AddSourceAsync(new AddSourceRequest(_dir.File("t.txt"), Case: "RS-01"));
        await workbench.AddStarterCodebookAsync();
        var coding = (await workbench.CodeAsync(new CodePassageRequest("t", "Mechanisms/Learning", "alice", Phrase: "licensed the design"))).CodingId.ToString();

        var evidence = new EvidenceService(study);
        await evidence.LinkAsync(new EvidenceLinkRequest(coding, Connection: "RS-01/1>RS-01/2"));
        var links = (await evidence.LinkAsync(new EvidenceLinkRequest(coding, Operation: "RS-01/1"))).Links;
        Assert.Equal([("operation", "RS-01/1"), ("connection", "RS-01/1>RS-01/2")], links.Select(l => (l.Target, l.TargetId)));
        Assert.All(links, l => Assert.Equal("licensed the design", l.Quotation.Text));
        // Linking twice is harmless; an unknown operation is refused and stores nothing.
        Assert.Equal(2, (await evidence.LinkAsync(new EvidenceLinkRequest(coding, Operation: "RS-01/1"))).Links.Count);
        var missing = await Assert.ThrowsAsync<InputException>(() => evidence.LinkAsync(new EvidenceLinkRequest(coding, Operation: "RS-01/9")));
        Assert.Equal("operation", missing.Errors[0].Field);

        var after = (await evidence.UnlinkAsync(new EvidenceLinkRequest(coding, Operation: "RS-01/1"))).Links;
        Assert.Equal(["connection"], after.Select(l => l.Target));
        Assert.Equal(after, (await evidence.ListAsync()).Links);
    }
}
