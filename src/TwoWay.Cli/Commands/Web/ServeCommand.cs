using System.ComponentModel;
using System.Diagnostics;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Cli.Infrastructure;
using TwoWay.Input;
using TwoWay.Web.Hosting;

namespace TwoWay.Cli.Commands.Web;

public sealed class ServeSettings : CommandSettings
{
    [CommandArgument(0, "[study]")]
    [Description("The study project file (or a PostgreSQL connection string / postgresql:// URL) to open in the browser on this computer.")]
    public string? Study { get; init; }

    [CommandOption("--database <CONNECTION>")]
    [Description("Run the team server instead: the PostgreSQL study (connection string or postgresql:// URL) whose members sign in with accounts ('twoway users add'), each with a role.")]
    public string? Database { get; init; }

    [CommandOption("--urls <URLS>")]
    [Description("Team server: the addresses to listen on, separated by ';' (default: 127.0.0.1 and --port, for a reverse proxy with TLS in front).")]
    public string? Urls { get; init; }

    [CommandOption("--require-two-step")]
    [Description("Team server: every member must sign in with a code from an authenticator app too; until they set it up, only their account page opens.")]
    public bool RequireTwoStep { get; init; }

    [CommandOption("--proxy <ADDRESS>")]
    [Description("Team server: the reverse proxy whose X-Forwarded-For/-Proto headers are believed (repeatable); no other sender's are.")]
    public string[] Proxies { get; init; } = [];

    [CommandOption("--port <N>")]
    [Description("The port on 127.0.0.1 to listen on (default: a free one). Only this computer can connect.")]
    public int Port { get; init; }

    [CommandOption("--no-browser")]
    [Description("Print the link without opening a browser.")]
    public bool NoBrowser { get; init; }

    [CommandOption("--coder <NAME>")]
    [Description("Whose codings the ones made in the browser are (default: your login name).")]
    public string? Coder { get; init; }

    public override ValidationResult Validate()
    {
        if (Port is < 0 or > 65535) return ValidationResult.Error($"--port {Port} is not a port (0–65535)");
        if (string.IsNullOrWhiteSpace(Study) == string.IsNullOrWhiteSpace(Database))
            return ValidationResult.Error("give either a study (the workbench on this computer) or --database (the team server), not both");
        if (Database is null && (Urls is not null || Proxies.Length > 0 || RequireTwoStep)) return ValidationResult.Error("--urls, --proxy and --require-two-step are for the team server (--database)");
        foreach (var p in Proxies)
            if (!System.Net.IPAddress.TryParse(p, out _)) return ValidationResult.Error($"--proxy {p} is not an IP address");
        return ValidationResult.Success();
    }
}

/// <summary>
/// <c>twoway serve STUDY</c>: the web workbench on 127.0.0.1. Prints (and opens) a link with a
/// one-time key that becomes the browser's session; runs until Ctrl-C.
/// </summary>
public sealed class ServeCommand(Terminal terminal) : Command<ServeSettings>
{
    public override int Execute(CommandContext context, ServeSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Database is { } database) return Team(settings, database, cancellationToken);
        var coder = string.IsNullOrWhiteSpace(settings.Coder) ? Environment.UserName : settings.Coder.Trim();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            WorkbenchServer server;
            try { server = WorkbenchServer.StartAsync(new WorkbenchOptions(settings.Study!, coder, settings.Port), stop.Token).GetAwaiter().GetResult(); }
            catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException || e.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
            {
                throw new InputException("serve", null, "port", $"port {settings.Port} is in use; give another with --port, or leave it out for a free one");
            }
            using var _ = new DisposeSync(server);
            terminal.Out.MarkupLineInterpolated($"TwoWay workbench for [bold]{settings.Study}[/], coding as [bold]{coder}[/].");
            terminal.Out.MarkupLine("Open this link once (it holds a one-time key; afterwards it opens nothing):");
            terminal.WriteRaw("  " + server.OpenAddress + Environment.NewLine);
            terminal.Out.MarkupLine("Press Ctrl-C to stop.");
            if (!settings.NoBrowser && !TryOpenBrowser(server.OpenAddress))
                terminal.Out.MarkupLine("[grey]No browser could be opened here: copy the link into one.[/]");
            server.WaitAsync(stop.Token).GetAwaiter().GetResult();
            terminal.Out.MarkupLine("Stopped.");
            return ExitCodes.Ok;
        }
        finally { Console.CancelKeyPress -= onCancel; }
    }

    /// <summary>The team server: runs until Ctrl-C (or the service manager's stop).</summary>
    private int Team(ServeSettings settings, string database, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
        Console.CancelKeyPress += onCancel;
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        try
        {
            var urls = (settings.Urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var options = new TeamServerOptions(database, settings.Port, urls, settings.Proxies.Select(System.Net.IPAddress.Parse).ToList(), RequireTwoStep: settings.RequireTwoStep);
            WorkbenchServer server;
            try { server = WorkbenchServer.StartTeamAsync(options, stop.Token).GetAwaiter().GetResult(); }
            catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException || e.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
            {
                throw new InputException("serve", null, "port", $"the address is in use ({e.Message}); give another with --port or --urls");
            }
            using var _ = new DisposeSync(server);
            terminal.Out.MarkupLineInterpolated($"TwoWay team server for [bold]{TwoWay.Storage.StudyLocation.ForPostgreSql(database).Display}[/] at {server.BaseAddress}");
            terminal.Out.MarkupLine("Members sign in at /login with the accounts of 'twoway users'. Press Ctrl-C to stop.");
            server.WaitAsync(stop.Token).GetAwaiter().GetResult();
            terminal.Out.MarkupLine("Stopped.");
            return ExitCodes.Ok;
        }
        finally { Console.CancelKeyPress -= onCancel; }
    }

    private static bool TryOpenBrowser(Uri url)
    {
        try
        {
            var start = OperatingSystem.IsWindows() ? new ProcessStartInfo(url.ToString()) { UseShellExecute = true }
                : new ProcessStartInfo(OperatingSystem.IsMacOS() ? "open" : "xdg-open", url.ToString()) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            using var process = Process.Start(start);
            return process is not null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            return false;
        }
    }

    private sealed class DisposeSync(WorkbenchServer server) : IDisposable
    {
        public void Dispose() => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
