using System.Globalization;
using System.Net;

namespace HsActors.LoadBench;

/// <summary>
/// The hostile neighbour of single lines: maximum batches (10,000 lines of about 2,000 characters, the largest the silo
/// takes) kept in flight until stopped, so the fixed-rate phase measures single-line latency while they run. The silo
/// may refuse some with 503 (its batch admission); those are counted, not errors.
/// </summary>
internal sealed class BackgroundBatches : IAsyncDisposable
{
    private const int Lines = 10_000;
    private const int Characters = 2_000;

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private int _answered;
    private int _refused;
    private int _failed;

    private BackgroundBatches(HttpClient client, int inFlight, byte[] body) =>
        _running = Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => LoopAsync(client, body, _stop.Token)));

    public static BackgroundBatches Start(HttpClient client, int inFlight, IReadOnlyList<string> descriptions, string? mode)
    {
        // Long lines of real text: descriptions joined until the silo's limit.
        var lines = Enumerable.Range(0, Lines).Select(i =>
        {
            var text = string.Join(", ", Enumerable.Range(0, 64).Select(k => descriptions[(i * 7 + k) % descriptions.Count]));
            return new { description = text[..Math.Min(text.Length, Characters)], mode };
        });
        var body = RequestBodies.Serialize(new { lines });
        return new BackgroundBatches(client, inFlight, body);
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"background: {_answered} maximum batches answered, {_refused} refused with 503 (admission), {_failed} failed otherwise");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private async Task LoopAsync(HttpClient client, byte[] body, CancellationToken stop)
    {
        var buffer = new byte[81920];
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await SendOneAsync(client, body, buffer, stop);
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref _failed);
            }
        }
    }

    private async Task SendOneAsync(HttpClient client, byte[] body, byte[] buffer, CancellationToken stop)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/classify/batch?explain=false") { Content = RequestBodies.Content(body) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop);
        await using var stream = await response.Content.ReadAsStreamAsync(stop);
        await MarkerCount.DrainAsync(stream, MarkerCount.ResultMarker, buffer);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            Interlocked.Increment(ref _answered);
        }
        else if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests)
        {
            Interlocked.Increment(ref _refused);
        }
        else
        {
            Interlocked.Increment(ref _failed);
        }
        if (response.StatusCode != HttpStatusCode.OK && response.Headers.RetryAfter?.Delta is { } wait)
        {
            await Task.Delay(wait, stop);
        }
    }
}
