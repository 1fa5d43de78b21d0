using TwoWay.Cli;

return TwoWayApp.Run(args, Terminal.System());
