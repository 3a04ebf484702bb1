namespace HsActors.Client.Tests;

/// <summary>Client options for a <see cref="ContractServer"/>, with back-off short enough for tests.</summary>
internal static class TestOptions
{
    public static HsActorsClientOptions For(ContractServer server, Action<HsActorsClientOptions>? adjust = null)
    {
        var options = new HsActorsClientOptions
        {
            BaseAddress = server.BaseAddress,
            ApiKey = ContractServer.ApiKey,
            Timeout = TimeSpan.FromSeconds(10),
            MaxRetries = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            MaxRetryDelay = TimeSpan.FromSeconds(5),
        };
        adjust?.Invoke(options);
        return options;
    }
}
