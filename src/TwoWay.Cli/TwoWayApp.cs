using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Cli.Commands;
using TwoWay.Cli.Commands.Panels;
using TwoWay.Cli.Infrastructure;
using TwoWay.Input;

namespace TwoWay.Cli;

/// <summary>
/// Builds and runs the `twoway` command tree. Each area of the product registers its own commands
/// (see the Register calls below), so adding a command never touches another area's code.
/// </summary>
public static class TwoWayApp
{
    public static int Run(string[] args, Terminal terminal)
    {
        // --verbose is global and may stand anywhere: it only decides how much an internal error prints.
        var verbose = args.Contains("--verbose");
        args = args.Where(a => a != "--verbose").ToArray();
        var registrar = new Registrar();
        registrar.RegisterInstance(typeof(Terminal), terminal);
        var app = new CommandApp(registrar);
        app.Configure(config =>
        {
            config.SetApplicationName("twoway");
            config.ConfigureConsole(terminal.Out);
            config.PropagateExceptions();
            config.UseStrictParsing();
            config.SetHelpProvider(new TwoWayHelpProvider(config.Settings));
            ReferenceCommands.Register(config);
            PanelCommands.Register(config);
            StudyCommands.Register(config);
            QualitativeCommands.Register(config);
            PolicyCommands.Register(config);
            AnalysisCommands.Register(config);
            config.AddCommand<MigrateCommand>("migrate")
                .WithDescription("Bring a study's schema up to this version of TwoWay (required for a PostgreSQL study; a study file is migrated on opening, after a backup).");
            config.AddCommand<Commands.Guide.GuideCommand>("guide")
                .WithDescription("The next interview round's questions per firm, from what the case model does not yet know or where its sources disagree")
                .WithExample("guide", "study.twoway", "--firm", "RS-01", "--out", "guide-round2.md");
            config.AddBranch("suggest", suggest =>
            {
                suggest.SetDescription("Candidate operations found in the transcripts (a direction and mode from the wording, a country, a year, a partner), each with its quotation; accept one as an operation or reject it");
                suggest.SetDefaultCommand<Commands.Suggestions.SuggestCommand>();
                suggest.AddExample("suggest", "study.twoway", "--firm", "RS-01");
                suggest.AddCommand<Commands.Suggestions.SuggestAcceptCommand>("accept")
                    .WithDescription("Store a suggestion as an operation of its case, checked as an imported row, with its quotation as interview evidence")
                    .WithExample("suggest", "accept", "study.twoway", "3f9c2a1b", "--start", "2005");
                suggest.AddCommand<Commands.Suggestions.SuggestRejectCommand>("reject")
                    .WithDescription("Remember that a suggestion is wrong, so it is no longer offered")
                    .WithExample("suggest", "reject", "study.twoway", "5d0e7c44");
            });
            config.AddBranch("study", study =>
            {
                study.SetDescription("The study as a whole: its settings, and moving it between a file on this computer and a team server's PostgreSQL database");
                study.AddCommand<Commands.Studies.StudySettingsCommand>("settings")
                    .WithDescription("Show or change the study's settings: the reference year every analysis, report and guide uses by default")
                    .WithExample("study", "settings", "study.twoway")
                    .WithExample("study", "settings", "study.twoway", "--as-of", "2024");
                study.AddCommand<Commands.Studies.StudyPushCommand>("push")
                    .WithDescription("Copy a study file into a new or empty PostgreSQL database (every table, checked by counting; the file is unchanged)")
                    .WithExample("study", "push", "study.twoway", "--database", "\"Host=db.example.org;Database=twoway_study;Username=alice\"");
                study.AddCommand<Commands.Studies.StudyPullCommand>("pull")
                    .WithDescription("Copy a study from a PostgreSQL database into a new study file (every table, checked by counting)")
                    .WithExample("study", "pull", "copy.twoway", "--database", "\"Host=db.example.org;Database=twoway_study;Username=alice\"");
            });
        });

        try
        {
            return app.Run(args);
        }
        catch (InputException ex)
        {
            ReportInputErrors(terminal, ex.Errors, ex.MoreNotListed, Writes(args));
            return ExitCodes.BadInput;
        }
        catch (CommandParseException ex)
        {
            terminal.Error.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            terminal.Error.WriteLine("Run 'twoway --help' (or 'twoway COMMAND --help') for usage.");
            return ExitCodes.Usage;
        }
        catch (CommandRuntimeException ex)
        {
            terminal.Error.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            terminal.Error.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            // A database fault the storage did not translate: still the study's problem, not a bug,
            // and the drivers' messages carry no connection string.
            terminal.Error.MarkupLineInterpolated($"[red]error:[/] the study's database failed: {(ex.InnerException ?? ex).Message}");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            terminal.Error.WriteLine("Stopped; nothing more was stored.");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex)
        {
            terminal.Error.MarkupLineInterpolated($"[red]internal error:[/] {ex.GetType().Name}: {ex.Message}");
            if (verbose) terminal.Error.WriteLine(ex.ToString());
            else terminal.Error.WriteLine("This is a bug in TwoWay; please report it with the output of the same command run with --verbose.");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>Errors go to stderr, the one line that matters first, one line per problem.</summary>
    /// <summary>
    /// Commands that store or write something: only their refusals add "nothing was stored" (a
    /// read-only command saying so would suggest it might have).
    /// </summary>
    private static readonly string[][] Writing =
    [
        ["init"], ["import"], ["demo"], ["migrate"], ["template"], ["export"], ["report"], ["guide"], ["sources", "add"], ["sources", "remove"],
        ["codes", "add"], ["codes", "rename"], ["codes", "move"], ["codes", "merge"], ["codes", "starter"], ["code"], ["memos", "add"],
        ["evidence"], ["qdpx"], ["qdc"], ["assess"], ["study", "push"], ["study", "pull"], ["users"], ["panel", "simulate"], ["quotes"], ["policy"],
        ["suggest", "accept"], ["suggest", "reject"],
    ];

    private static bool Writes(string[] args)
    {
        var words = args.Where(a => !a.StartsWith('-')).Take(2).ToArray();
        // quotes, policy pages, panel reports and the rest write only when given a file to write.
        // The study's settings are only shown unless a new value is given.
        if (words is ["study", "settings"]) return args.Contains("--as-of");
        if (words.FirstOrDefault() is "quotes" or "policy" or "panel" or "survey" or "assess" or "report" or "guide")
            return args.Any(a => a is "--out" or "-o" or "--html" or "--xlsx" or "--spells-out" or "--study" or "--save") || words.FirstOrDefault() == "report"
                || words is ["panel", "simulate"] || (words.FirstOrDefault() == "assess" && !args.Contains("--answers"));
        return Writing.Any(w => words.Length >= w.Length && w.SequenceEqual(words.Take(w.Length)));
    }

    public static void ReportInputErrors(Terminal terminal, IReadOnlyList<InputError> errors, bool moreNotListed = false, bool writes = true)
    {
        var n = errors.Count;
        var count = moreNotListed ? $"more than {n} problems; the first {n} are listed" : $"{n} problem{(n == 1 ? "" : "s")}";
        var stored = writes ? "; nothing was stored" : "";
        terminal.Error.MarkupLineInterpolated($"[red]error:[/] the input was not accepted ({count}){stored}.");
        foreach (var e in errors)
            terminal.Error.WriteLine("  " + e);
        if (moreNotListed) terminal.Error.WriteLine("  … and more: fix these and run again to see the rest.");
    }
}
