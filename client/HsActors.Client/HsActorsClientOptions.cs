using HsActors.Contracts;

namespace HsActors.Client;

/// <summary>Where the HsActors service is, how to authenticate, and how hard to try.</summary>
public sealed class HsActorsClientOptions
{
    /// <summary>The configuration section <see cref="HsActorsServiceCollectionExtensions.AddHsActorsClient(Microsoft.Extensions.DependencyInjection.IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration)"/> is usually given.</summary>
    public const string SectionName = "HsActors";

    /// <summary>The service root, e.g. <c>http://127.0.0.1:5080</c>; the <c>/v1/...</c> routes are resolved against it.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Sent as the <c>X-Api-Key</c> header on every request; null sends none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long one attempt may take, response body included, before it counts as a transient failure.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt on transient failures (0 turns retrying off).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first back-off delay; later ones double, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>No back-off delay, including one asked for by <c>Retry-After</c>, is longer than this.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// When true, concurrent <see cref="IHsActorsClient.ClassifyAsync"/> calls are coalesced into
    /// <c>/v1/classify/batch</c> requests (see <see cref="MicroBatchSize"/> and <see cref="MicroBatchDelay"/>).
    /// </summary>
    public bool MicroBatching { get; set; }

    /// <summary>A micro-batch is sent as soon as this many lines are queued (1..<see cref="BatchClassifyRequest.MaxLines"/>).</summary>
    public int MicroBatchSize { get; set; } = 256;

    /// <summary>A micro-batch smaller than <see cref="MicroBatchSize"/> is sent this long after its first line was queued.</summary>
    public TimeSpan MicroBatchDelay { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>How many micro-batches may be on the wire at once; further lines wait and join later batches.</summary>
    public int MicroBatchConcurrency { get; set; } = 4;

    /// <summary>Every setting that is out of range, each named with the reason; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var failures = new List<string>();
        if (BaseAddress is null)
        {
            failures.Add($"{nameof(BaseAddress)} is required (e.g. http://127.0.0.1:5080).");
        }
        else if (!BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttp && BaseAddress.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{nameof(BaseAddress)} must be an absolute http or https URI, not '{BaseAddress}'.");
        }

        if (ApiKey is not null && ApiKey.Trim().Length == 0)
        {
            failures.Add($"{nameof(ApiKey)} must not be blank; leave it null to send no key.");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            failures.Add($"{nameof(Timeout)} must be positive, not {Timeout}.");
        }

        if (MaxRetries < 0)
        {
            failures.Add($"{nameof(MaxRetries)} must be 0 or more, not {MaxRetries}.");
        }

        if (RetryBaseDelay < TimeSpan.Zero)
        {
            failures.Add($"{nameof(RetryBaseDelay)} must not be negative, not {RetryBaseDelay}.");
        }

        if (MaxRetryDelay < RetryBaseDelay)
        {
            failures.Add($"{nameof(MaxRetryDelay)} ({MaxRetryDelay}) must not be shorter than {nameof(RetryBaseDelay)} ({RetryBaseDelay}).");
        }

        if (MicroBatchSize is < 1 or > BatchClassifyRequest.MaxLines)
        {
            failures.Add($"{nameof(MicroBatchSize)} must be 1..{BatchClassifyRequest.MaxLines}, not {MicroBatchSize}.");
        }

        if (MicroBatchDelay < TimeSpan.Zero)
        {
            failures.Add($"{nameof(MicroBatchDelay)} must not be negative, not {MicroBatchDelay}.");
        }

        if (MicroBatchConcurrency < 1)
        {
            failures.Add($"{nameof(MicroBatchConcurrency)} must be 1 or more, not {MicroBatchConcurrency}.");
        }

        return failures;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing every failure of <see cref="Validate"/>.</summary>
    public void EnsureValid()
    {
        var failures = Validate();
        if (failures.Count > 0)
        {
            throw new ArgumentException("Invalid HsActors client options: " + string.Join(" ", failures));
        }
    }
}
