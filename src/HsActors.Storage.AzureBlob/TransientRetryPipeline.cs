using Polly;
using Polly.Retry;

namespace HsActors.Storage.AzureBlob;

/// <summary>
/// Exponential backoff with jitter for transient failures only. A 412/409 (condition failed) is never retried:
/// it is an answer, and repeating the request could only hide a lost compare-and-swap.
/// </summary>
internal static class TransientRetryPipeline
{
    public static ResiliencePipeline Create(int maxRetryAttempts, TimeSpan baseDelay)
    {
        if (maxRetryAttempts == 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<TransientResponseException>()
                    .Handle<HttpRequestException>()
                    .Handle<IOException>()
                    // HttpClient.Timeout surfaces as a cancellation whose inner exception is a TimeoutException.
                    .Handle<TaskCanceledException>(ex => ex.InnerException is TimeoutException),
                MaxRetryAttempts = maxRetryAttempts,
                Delay = baseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .Build();
    }
}
