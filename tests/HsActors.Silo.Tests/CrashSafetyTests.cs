using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using HsActors.Streaming.LocalLog;
using Xunit.Abstractions;

namespace HsActors.Silo.Tests;

/// <summary>
/// Issue 4's crash test: the real silo process is killed (SIGKILL) in the middle of a stream of assessments, restarted
/// on the same data directory, and sent again every assessment whose acknowledgement the client never saw, as a real
/// client would. Then every acknowledged assessment is in the stream exactly once and the importers' statistics count
/// each distinct assessment exactly once.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class CrashSafetyTests(SmallModel model, ITestOutputHelper output)
{
    private const int Total = 600;
    private const int KillAfterAcknowledged = 150;
    private const int Senders = 8;
    private static readonly string[] Importers = ["CRASH-A", "CRASH-B"];

    // The officers' default rate limit (50/s) would make the senders wait instead of racing the kill.
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["HsActors:RateLimits:officer:PermitsPerSecond"] = "100000",
        ["HsActors:RateLimits:officer:Burst"] = "100000",
    };

    [Fact]
    public async Task Killing_the_silo_mid_stream_keeps_every_acknowledged_assessment_once_and_counts_it_once()
    {
        using var dataDirectory = new TempDirectory();
        var data = dataDirectory.Path;
        var ids = Enumerable.Range(0, Total).Select(i => $"CRASH-{i:D4}").ToArray();
        var acknowledged = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);

        using (var silo = SiloProcess.Start(model.Directory, data, Settings))
        {
            await silo.WaitReadyAsync();
            using var client = silo.Client(TestKeys.Officer);
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var killed = 0;
            var next = -1;
            async Task SendAsync()
            {
                while (Volatile.Read(ref killed) == 0 && Interlocked.Increment(ref next) is var i && i < Total)
                {
                    if (await TrySubmitAsync(client, ids[i], i) is { } accepted)
                    {
                        acknowledged[ids[i]] = accepted.Offset;
                        if (acknowledged.Count >= KillAfterAcknowledged)
                        {
                            enough.TrySetResult();
                        }
                    }
                }
            }
            var senders = Enumerable.Range(0, Senders).Select(_ => Task.Run(SendAsync)).ToArray();
            await enough.Task.WaitAsync(TimeSpan.FromSeconds(60));
            silo.Kill();
            Volatile.Write(ref killed, 1);
            await Task.WhenAll(senders);
        }

        var unknown = ids.Where(id => !acknowledged.ContainsKey(id)).ToArray();
        Assert.True(unknown.Length > 0, "The kill came after every assessment was acknowledged: nothing was in flight.");

        using (var silo = SiloProcess.Start(model.Directory, data, Settings))
        {
            await silo.WaitReadyAsync();
            using var client = silo.Client(TestKeys.Officer);
            var writtenBeforeTheCrash = 0;
            foreach (var id in unknown)
            {
                var accepted = await SubmitAsync(client, id, Array.IndexOf(ids, id));
                acknowledged[id] = accepted.Offset;
                writtenBeforeTheCrash += accepted.Duplicate ? 1 : 0;
            }
            output.WriteLine($"Killed with {Total - unknown.Length} of {Total} acknowledged; of the {unknown.Length} resent, {writtenBeforeTheCrash} were already in the stream.");
            // Retries of acknowledged assessments are duplicates at their original offsets.
            foreach (var id in acknowledged.Keys.Except(unknown).Take(20).ToArray())
            {
                var again = await SubmitAsync(client, id, Array.IndexOf(ids, id));
                Assert.True(again.Duplicate, $"{id} was accepted twice.");
                Assert.Equal(acknowledged[id], again.Offset);
            }
            // One more per importer: the consumer applies the stream in order, so once it is counted everything
            // before it (including whatever the restart replayed) has been counted too.
            foreach (var importer in Importers)
            {
                await SubmitAsync(client, "SENTINEL-" + importer, Array.IndexOf(Importers, importer));
            }
            foreach (var importer in Importers)
            {
                var expected = ids.Where((_, i) => ImporterOf(i) == importer).Count() + 1;
                var statistics = await Assessments.WaitForStatisticsAsync(client, importer, s => s["assessments"]!.GetValue<long>() >= expected);
                Assert.Equal(expected, statistics["assessments"]!.GetValue<long>());
            }
        }

        await using var stream = LocalLogAssessmentStream.Open(Path.Combine(data, "assessments", "assessments.log"));
        var offsets = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        if (stream.Count > 0)
        {
            await foreach (var entry in stream.ReadAsync(0))
            {
                offsets.TryAdd(entry.Record.AssessmentId, []);
                offsets[entry.Record.AssessmentId].Add(entry.Offset);
                if (entry.Offset == stream.Count - 1)
                {
                    break;
                }
            }
        }
        Assert.Equal(Total + Importers.Length, stream.Count);
        Assert.All(ids, id => Assert.Equal(new[] { acknowledged[id] }, offsets.TryGetValue(id, out var found) ? found.ToArray() : []));
    }

    private static string ImporterOf(int index) => Importers[index % Importers.Length];

    private static Dictionary<string, object?> Body(string id, int index) =>
        Assessments.Body(id, $"crash test goods {index}", Assessments.LineOf(index % 3 == 0 ? "40" : "09"), ImporterOf(index), declaredCode: Assessments.LineOf("09"));

    /// <summary>Null when the answer is unknown (the silo died with the request in flight, or refused it for the moment).</summary>
    private static async Task<(long Offset, bool Duplicate)?> TrySubmitAsync(HttpClient client, string id, int index)
    {
        try
        {
            var response = await client.PostAsync("/v1/assessments", Json.Body(Body(id, index)));
            if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK)
            {
                var accepted = await Json.ReadAsync(response);
                return (accepted["offset"]!.GetValue<long>(), accepted["duplicate"]!.GetValue<bool>());
            }
            Assert.True((int)response.StatusCode >= 429, $"{id} was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return null;
        }
    }

    private static async Task<(long Offset, bool Duplicate)> SubmitAsync(HttpClient client, string id, int index)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (await TrySubmitAsync(client, id, index) is { } accepted)
            {
                return accepted;
            }
            await Task.Delay(100 * (attempt + 1));
        }
        throw new TimeoutException($"{id} was never acknowledged.");
    }
}
