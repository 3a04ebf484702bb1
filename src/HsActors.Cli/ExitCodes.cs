namespace HsActors.Cli;

public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran but failed: unreadable model, input that could not be processed.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong.</summary>
    public const int Usage = 2;
}
