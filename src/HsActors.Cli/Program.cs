using HsActors.Cli;

return await HsCommandLine.RunAsync(args, CliConsole.Standard());
