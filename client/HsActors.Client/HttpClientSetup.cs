namespace HsActors.Client;

/// <summary>What every HttpClient talking to HsActors needs, whether DI or <see cref="HsActorsClient.Create"/> made it.</summary>
internal static class HttpClientSetup
{
    public const string ApiKeyHeader = "X-Api-Key";

    public static void Apply(HttpClient httpClient, HsActorsClientOptions options)
    {
        httpClient.BaseAddress = WithTrailingSlash(options.BaseAddress!);
        // The resilience handler times each attempt; an overall HttpClient timeout would cut retries short.
        httpClient.Timeout = Timeout.InfiniteTimeSpan;
        httpClient.DefaultRequestHeaders.Remove(ApiKeyHeader);
        if (options.ApiKey is { } key)
        {
            httpClient.DefaultRequestHeaders.Add(ApiKeyHeader, key);
        }
    }

    /// <summary>So that relative routes extend a base with a path (<c>http://host/hs/</c> + <c>v1/classify</c>) instead of replacing its last segment.</summary>
    private static Uri WithTrailingSlash(Uri baseAddress) =>
        baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
}
