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
    [CommandArgument(0, "<study>")]
    [Description("The study project file (or a PostgreSQL connection string / postgresql:// URL) to open in the browser.")]
    public string Study { get; init; } = "";

    [CommandOption("--port <N>")]
    [Description("The port on 127.0.0.1 to listen on (default: a free one). Only this computer can connect.")]
    public int Port { get; init; }

    [CommandOption("--no-browser")]
    [Description("Print the link without opening a browser.")]
    public bool NoBrowser { get; init; }

    [CommandOption("--coder <NAME>")]
    [Description("Whose codings the ones made in the browser are (default: your login name).")]
    public string? Coder { get; init; }

    public override ValidationResult Validate() =>
        Port is < 0 or > 65535 ? ValidationResult.Error($"--port {Port} is not a port (0–65535)") : ValidationResult.Success();
}

/// <summary>
/// <c>twoway serve STUDY</c>: the web workbench on 127.0.0.1. Prints (and opens) a link with a
/// one-time key that becomes the browser's session; runs until Ctrl-C.
/// </summary>
public sealed class ServeCommand(Terminal terminal) : Command<ServeSettings>
{
    public override int Execute(CommandContext context, ServeSettings settings, CancellationToken cancellationToken)
    {
        var coder = string.IsNullOrWhiteSpace(settings.Coder) ? Environment.UserName : settings.Coder.Trim();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            WorkbenchServer server;
            try { server = WorkbenchServer.StartAsync(new WorkbenchOptions(settings.Study, coder, settings.Port), stop.Token).GetAwaiter().GetResult(); }
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
