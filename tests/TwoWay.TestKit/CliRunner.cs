using TwoWay.Cli;

namespace TwoWay.TestKit;

/// <summary>Runs `twoway` in-process and captures what it prints.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Result Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = TwoWayApp.Run(args, Terminal.Capture(o, e));
        return new Result(code, o.ToString(), e.ToString());
    }
}
