using TwoWay.Domain;
using TwoWay.Interchange.Cases;

namespace TwoWay.Interchange.Tests.Cases;

/// <summary>docs/file-formats.md must describe exactly the columns and codes the importer accepts.</summary>
public class FileFormatDocsTests
{
    private static string Docs()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TwoWay.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return File.ReadAllText(Path.Combine(dir.FullName, "docs", "file-formats.md"));
    }

    /// <summary>The first cell of each table row under the heading, e.g. "firm_id".</summary>
    private static List<string> DocumentedColumns(string docs, string heading)
    {
        var section = docs[docs.IndexOf("## " + heading + "\n", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        return section.Split('\n')
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Split('`')[1])
            .ToList();
    }

    [Fact]
    public void Every_firms_column_is_documented_in_order() =>
        Assert.Equal(CaseColumns.Firms.Select(c => c.Name), DocumentedColumns(Docs(), "Firms"));

    [Fact]
    public void Every_operations_column_is_documented_in_order() =>
        Assert.Equal(CaseColumns.Operations.Select(c => c.Name), DocumentedColumns(Docs(), "Operations"));

    [Fact]
    public void Every_code_is_documented()
    {
        var docs = Docs();
        var codes = Codes.All<SizeClass>().Concat(Codes.All<EndReasonKind>()).Concat(Codes.All<EvidenceKind>())
            .Concat(Codes.All<TradeChannel>()).Concat(Modes.All.Select(m => m.Code()));
        Assert.All(codes, c => Assert.Contains($"`{c}`", docs));
    }
}
