using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace HsActors.Client;

/// <summary>
/// Runs every request through a Polly pipeline: a per-attempt timeout (response body included) inside retries with
/// exponential back-off and jitter. Retries connection failures, timeouts and 408/429/500/502/503/504, honouring
/// <c>Retry-After</c>; never retries other statuses (400, 401, 403, 404, ...). The caller's cancellation ends it all.
/// </summary>
/// <remarks>Every v1 route is a read, so re-sending a POST is safe.</remarks>
public sealed partial class HsActorsResilienceHandler : DelegatingHandler
{
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly ILogger _logger;
    private readonly TimeSpan _attemptTimeout;
    private readonly int _maxAttempts;

    /// <summary>Builds the pipeline from <paramref name="options"/> (which must be valid).</summary>
    /// <param name="options">Timeout, retry count and back-off delays.</param>
    /// <param name="logger">Where retries are reported; null reports nowhere.</param>
    public HsActorsResilienceHandler(HsActorsClientOptions options, ILogger<HsActorsResilienceHandler>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _attemptTimeout = options.Timeout;
        _maxAttempts = options.MaxRetries + 1;

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (options.MaxRetries > 0)
        {
            var maxDelay = options.MaxRetryDelay;
            var maxRetries = options.MaxRetries;
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = maxDelay,
                ShouldHandle = static args => ValueTask.FromResult(IsTransient(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(RequestedDelay(args.Outcome, maxDelay)),
                OnRetry = args =>
                {
                    LogRetry(args.AttemptNumber + 1, maxRetries, args.RetryDelay, Describe(args.Outcome));
                    return default;
                },
            });
        }

        _pipeline = builder.AddTimeout(options.Timeout).Build();
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                static (state, attemptToken) => state.Handler.SendOnceAsync(state.Request, attemptToken),
                (Handler: this, Request: request),
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException timeout) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"HsActors {request.Method} {request.RequestUri} got no complete answer within {_attemptTimeout} in any of {_maxAttempts} attempts.",
                timeout);
        }
    }

    private async ValueTask<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken attemptToken)
    {
        var response = await base.SendAsync(request, attemptToken).ConfigureAwait(false);
        try
        {
            // Reading the body here puts it under the attempt's timeout and lets a broken body be retried.
            await response.Content.LoadIntoBufferAsync(attemptToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or IOException or TimeoutRejectedException } => true,
        { Exception: not null } => false,
        { Result: { } response } => IsTransient(response.StatusCode),
        _ => false,
    };

    private static bool IsTransient(HttpStatusCode status) => status is
        HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or
        HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>The server's <c>Retry-After</c>, capped; null lets the exponential back-off decide.</summary>
    private static TimeSpan? RequestedDelay(Outcome<HttpResponseMessage> outcome, TimeSpan maxDelay) =>
        ProblemDetailsReader.RetryAfterOf(outcome.Result?.Headers.RetryAfter, DateTimeOffset.UtcNow) is { } wait
            ? (wait > maxDelay ? maxDelay : wait)
            : null;

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } exception
            ? exception.GetType().Name + ": " + exception.Message
            : $"{(int)outcome.Result!.StatusCode} {outcome.Result.StatusCode} from {outcome.Result.RequestMessage?.Method} {outcome.Result.RequestMessage?.RequestUri}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "HsActors retry {Retry} of {MaxRetries} in {Delay} after {Failure}")]
    private partial void LogRetry(int retry, int maxRetries, TimeSpan delay, string failure);
}
