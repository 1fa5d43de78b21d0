using Spectre.Console;

namespace TwoWay.Cli;

/// <summary>
/// Where a command writes: <see cref="Out"/> for results (tables or JSON), <see cref="Error"/> for
/// problems and progress. Tests pass string-backed consoles; the real program passes the process's.
/// </summary>
public sealed class Terminal
{
    public Terminal(IAnsiConsole @out, IAnsiConsole error, bool interactive)
    {
        Out = @out;
        Error = error;
        Interactive = interactive;
    }

    public IAnsiConsole Out { get; }
    public IAnsiConsole Error { get; }

    /// <summary>True when a person watches a terminal: progress bars are shown only then.</summary>
    public bool Interactive { get; }

    /// <summary>Writes text as is (no markup), e.g. JSON.</summary>
    public void WriteRaw(string text) => Out.Profile.Out.Writer.Write(text);

    public static Terminal System()
    {
        // NO_COLOR (https://no-color.org) and redirected output both mean plain text.
        var noColor = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        IAnsiConsole Make(TextWriter w, bool redirected) => AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(w),
            Ansi = noColor || redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = noColor || redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        var outRedirected = Console.IsOutputRedirected;
        var errRedirected = Console.IsErrorRedirected;
        var o = Make(Console.Out, outRedirected);
        var e = Make(Console.Error, errRedirected);
        // Piped tables are read by people in files and pagers: do not wrap them at 80 columns.
        if (outRedirected) o.Profile.Width = 200;
        if (errRedirected) e.Profile.Width = 200;
        return new Terminal(o, e,
            interactive: !errRedirected && Environment.GetEnvironmentVariable("CI") is null);
    }

    /// <summary>A terminal that records everything, for tests.</summary>
    public static Terminal Capture(StringWriter @out, StringWriter error)
    {
        IAnsiConsole Make(TextWriter w) => AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(w),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        var o = Make(@out);
        o.Profile.Width = 200;
        var e = Make(error);
        e.Profile.Width = 200;
        return new Terminal(o, e, interactive: false);
    }
}
