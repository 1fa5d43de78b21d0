using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Application;
using TwoWay.Application.Studies;
using TwoWay.Cli.Infrastructure;

namespace TwoWay.Cli.Commands.Studies;

public sealed class StudyPushSettings : OutputSettings
{
    [CommandArgument(0, "<file>")]
    [Description("The study file on this computer (.twoway) to copy to the server database.")]
    public string File { get; init; } = "";

    [CommandOption("--database <CONNECTION>")]
    [Description("The PostgreSQL database to copy it into: a connection string (Host=…;Database=…) or a postgresql:// URL. It must be new (no TwoWay schema) or an empty study.")]
    public string Database { get; init; } = "";

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Database) ? ValidationResult.Error("give the target database with --database") : ValidationResult.Success();
}

public sealed class StudyPullSettings : OutputSettings
{
    [CommandArgument(0, "<file>")]
    [Description("The new study file to create on this computer (.twoway); an existing file is never overwritten.")]
    public string File { get; init; } = "";

    [CommandOption("--database <CONNECTION>")]
    [Description("The PostgreSQL database holding the study: a connection string (Host=…;Database=…) or a postgresql:// URL.")]
    public string Database { get; init; } = "";

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Database) ? ValidationResult.Error("give the source database with --database") : ValidationResult.Success();
}

/// <summary><c>twoway study push FILE --database …</c>: a laptop study onto the team server.</summary>
public sealed class StudyPushCommand(Terminal terminal) : Command<StudyPushSettings>
{
    public override int Execute(CommandContext context, StudyPushSettings settings, CancellationToken cancellationToken) =>
        StudyTransferOutput.Run(terminal, settings, settings.File, settings.Database, cancellationToken);
}

/// <summary><c>twoway study pull FILE --database …</c>: a server study into a new laptop file.</summary>
public sealed class StudyPullCommand(Terminal terminal) : Command<StudyPullSettings>
{
    public override int Execute(CommandContext context, StudyPullSettings settings, CancellationToken cancellationToken) =>
        StudyTransferOutput.Run(terminal, settings, settings.Database, settings.File, cancellationToken);
}

internal static class StudyTransferOutput
{
    public static int Run(Terminal terminal, OutputSettings settings, string from, string to, CancellationToken cancellationToken)
    {
        // Each table is announced as it is copied when someone watches; JSON and pipes get the result only.
        IProgress<StudyTableCopy>? progress = settings.Json || !terminal.Interactive ? null
            : new Announce(t => terminal.Error.MarkupLineInterpolated($"[grey]copied {t.Table}: {Display.Count(t.Rows)} rows[/]"));
        var result = StudyTransferService.CopyAsync(from, to, progress, cancellationToken).GetAwaiter().GetResult();
        if (settings.Json)
        {
            terminal.WriteRaw(PublicJson.Serialize(result) + Environment.NewLine);
            return ExitCodes.Ok;
        }
        var table = new Table().AddColumn("table").AddColumn(new TableColumn("rows").RightAligned());
        foreach (var t in result.Tables) table.AddRow(Markup.Escape(t.Table), Display.Count(t.Rows));
        terminal.Out.Write(table);
        terminal.Out.MarkupLineInterpolated($"Copied {result.From} to {result.To}: {Display.Count(result.Rows)} rows in {result.Tables.Count} tables, checked by counting; the source is unchanged.");
        return ExitCodes.Ok;
    }

    private sealed class Announce(Action<StudyTableCopy> report) : IProgress<StudyTableCopy>
    {
        public void Report(StudyTableCopy value) => report(value);
    }
}

public sealed class StudySettingsSettings : OutputSettings
{
    [CommandArgument(0, "<study>")]
    [Description("The study: a .twoway project file, or a PostgreSQL connection string (Host=...;Database=...).")]
    public string Study { get; init; } = "";

    [CommandOption("--as-of <YEAR>")]
    [Description("Store this reference year: every analysis, report and guide is as of its end unless given --year; 'none' removes it (analyses follow the latest year in the data).")]
    public string? AsOf { get; init; }

    public override ValidationResult Validate() =>
        AsOf is null || AsOf.Equals("none", StringComparison.OrdinalIgnoreCase) || int.TryParse(AsOf, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? ValidationResult.Success()
            : ValidationResult.Error($"--as-of takes a year (e.g. 2024) or 'none', not '{AsOf}'.");
}

/// <summary><c>twoway study settings STUDY [--as-of YEAR|none]</c>: the study's reference year, shown or changed.</summary>
public sealed class StudySettingsCommand(Terminal terminal) : AsyncCommand<StudySettingsSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, StudySettingsSettings s, CancellationToken cancellationToken)
    {
        var clear = s.AsOf is { } text && text.Equals("none", StringComparison.OrdinalIgnoreCase);
        int? year = s.AsOf is null || clear ? null : int.Parse(s.AsOf, System.Globalization.CultureInfo.InvariantCulture);
        var r = await new Application.Cases.StudyService(s.Study).SettingsAsync(new Application.Cases.StudySettingsRequest(year, clear), cancellationToken);
        if (s.Json)
        {
            terminal.WriteRaw(PublicJson.Serialize(r) + Environment.NewLine);
            return ExitCodes.Ok;
        }
        var o = terminal.Out;
        if (r.AsOfYear is { } stored)
            o.MarkupLineInterpolated($"Analyses of [bold]{r.Study}[/] are as of the end of [bold]{stored}[/], the study's reference year{(r.LatestDataYear is { } d && d != stored ? $" (its data reach {d})" : "")}.");
        else
            o.MarkupLineInterpolated($"Analyses of [bold]{r.Study}[/] are as of the end of [bold]{r.DefaultAsOfYear}[/], the latest year in its data; no reference year is set (set one with --as-of YEAR).");
        return ExitCodes.Ok;
    }
}
