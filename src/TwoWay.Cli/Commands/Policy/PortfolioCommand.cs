using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Application;
using TwoWay.Application.Files;
using TwoWay.Application.Policy;
using TwoWay.Cli.Infrastructure;
using TwoWay.Policy;

namespace TwoWay.Cli.Commands;

public class CatalogueSettings : OutputSettings
{
    [CommandArgument(0, "<CATALOGUE>")]
    [Description("Programme catalogue (.csv, .tsv or .xlsx; columns: docs/policy.md, template: `twoway template programmes`).")]
    public string Catalogue { get; init; } = "";

    [CommandOption("--sheet <SHEET>")]
    [Description("For an .xlsx catalogue: the sheet to read (default: the first).")]
    public string? Sheet { get; init; }

    [CommandOption("--html <FILE>")]
    [Description("Also write the result as a self-contained HTML report with charts.")]
    public string? Html { get; init; }

    [CommandOption("--force")]
    [Description("Replace an existing --html file (never the catalogue or another input).")]
    public bool Force { get; init; }

    /// <summary>The files this command reads: never written over.</summary>
    internal virtual IReadOnlyList<ProtectedFile> Inputs => ProtectedFile.Input(Catalogue, "the catalogue");

    /// <summary>Refuses a --html target before any work (existing without --force, or an input).</summary>
    internal void CheckHtml()
    {
        if (Html is { } html) OutputFile.Check(html, "--html", Force, Inputs);
    }

    internal void WriteHtml(string page)
    {
        if (Html is { } html) OutputFile.WriteText(html, page, "--html", Force, Inputs);
    }
}

[Description("Portfolio of a programme catalogue.")]
public sealed class PortfolioCommand(Terminal terminal) : AsyncCommand<CatalogueSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CatalogueSettings settings, CancellationToken cancellationToken)
    {
        settings.CheckHtml();
        var report = await new PolicyService().PortfolioAsync(new PortfolioRequest(settings.Catalogue, settings.Sheet, Html: settings.Html is not null), cancellationToken);
        settings.WriteHtml(report.Html!);
        if (settings.Json)
        {
            terminal.WriteRaw(PublicJson.Serialize(report.Result) + Environment.NewLine);
            return ExitCodes.Ok;
        }
        Print(terminal.Out, report.Result);
        return ExitCodes.Ok;
    }

    internal static void Print(IAnsiConsole o, PortfolioResult r)
    {
        o.MarkupLineInterpolated($"[bold]Programmes:[/] {Display.Count(r.Programmes)} ({Display.Count(r.Outward)} outward, {Display.Count(r.Inward)} inward, {Display.Count(r.Both)} both directions)");
        o.MarkupLineInterpolated($"[bold]Export-only by count:[/] {Display.Share(r.ExportOnlyShareByCount)} ({Display.Count(r.ExportOnly)} of {Display.Count(r.Programmes)})");
        var budget = r.ProgrammesWithBudget == 0
            ? $"{Display.Unknown} (no budget known)"
            : $"{Display.Share(r.ExportOnlyShareByBudget)} ({PolicyText.Budget(r.ExportOnlyBudget)} of {PolicyText.Budget(r.TotalBudget)} {r.BudgetCurrency}, over the {Display.Count(r.ProgrammesWithBudget)} programmes with a known budget)";
        o.MarkupLineInterpolated($"[bold]Export-only by budget:[/] {budget}");
        o.MarkupLineInterpolated($"[dim]Definition: {r.ExportOnlyDefinition}[/]");
        o.MarkupLineInterpolated($"[bold]Bridging programmes[/] (open to import-only firms, supporting a first outward mode): {Display.Count(r.Bridging)}");
        o.WriteLine();
        o.Write(Matrix("instrument", r.DirectionByInstrument));
        o.Write(Matrix("mechanism", r.DirectionByMechanism));
        o.Write(Matrix("barrier group", r.BarrierCoverage, internalColumn: true));
        if (r.UncoveredBarriers.Count > 0)
            o.MarkupLineInterpolated($"[yellow]Barrier groups no programme addresses:[/] {string.Join(", ", r.UncoveredBarriers.Select(PolicyText.Code))}");
    }

    private static Table Matrix<T>(string what, IReadOnlyList<DirectionCounts<T>> rows, bool internalColumn = false) where T : struct, Enum
    {
        var t = new Table().Title($"Direction × {what} (programmes)").AddColumn(what);
        if (internalColumn) t.AddColumn("group");
        t.AddColumns(new TableColumn("outward").RightAligned(), new TableColumn("inward").RightAligned(),
            new TableColumn("both").RightAligned(), new TableColumn("total").RightAligned());
        foreach (var r in rows)
        {
            var cells = new List<string> { PolicyText.Code(r.Category) };
            if (internalColumn) cells.Add(r.Category is BarrierGroup g && g.IsInternal() ? "internal" : "external");
            cells.AddRange([Display.Count(r.Outward), Display.Count(r.Inward), Display.Count(r.Both), r.Total == 0 ? "[yellow]0[/]" : Display.Count(r.Total)]);
            t.AddRow(cells.ToArray());
        }
        return t;
    }
}
