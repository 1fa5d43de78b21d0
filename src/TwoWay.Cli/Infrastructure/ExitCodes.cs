namespace TwoWay.Cli.Infrastructure;

/// <summary>The process exit codes of `twoway`, documented in README.md.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The input (a file, an argument's value, a project file) is not acceptable.</summary>
    public const int BadInput = 1;

    /// <summary>The command line itself is wrong: unknown command or option, missing argument.</summary>
    public const int Usage = 2;

    /// <summary>An unexpected fault inside TwoWay (a bug): one line, details with --verbose (sysexits' EX_SOFTWARE).</summary>
    public const int InternalError = 70;

    /// <summary>Stopped by the user (Ctrl-C): 128 + SIGINT, as shells report it.</summary>
    public const int Cancelled = 130;
}
