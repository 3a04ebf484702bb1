namespace HsActors.Cli;

/// <summary>The admin API refused or failed a request; the message carries the problem's title, detail and fields.</summary>
public sealed class ModelAdminException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
