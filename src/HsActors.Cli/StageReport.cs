namespace HsActors.Cli;

/// <summary>One progress report of a long step: which stage, how far.</summary>
public readonly record struct StageReport(string Stage, int Done, int Total);
