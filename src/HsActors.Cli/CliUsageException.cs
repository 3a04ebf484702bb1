namespace HsActors.Cli;

/// <summary>The user asked for something that cannot be done as asked: a missing file, a bad value, clashing options.</summary>
public sealed class CliUsageException(string message) : Exception(message);
