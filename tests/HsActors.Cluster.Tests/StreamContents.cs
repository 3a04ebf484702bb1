using HsActors.Silo.Tests;

namespace HsActors.Cluster.Tests;

/// <summary>What the cluster's assessment stream holds, read straight from RabbitMQ.</summary>
public static class StreamContents
{
    /// <summary>
    /// Every offset at which each assessment id is stored, from the start of the stream through a sentinel assessment
    /// appended now (after the traffic under test finished), so nothing written before it is missed.
    /// </summary>
    public static async Task<Dictionary<string, List<long>>> ReadAllAsync(SiloCluster cluster)
    {
        // Posted as the traffic posts: a silo may still be reconnecting to the broker and answer 503 for a moment.
        var sentinel = await new AssessmentTraffic(cluster).AcknowledgeAsync(
            Assessments.Body($"sentinel-{Guid.NewGuid():N}", "sentinel line", Assessments.LineOf("64")));
        var through = sentinel.Offset;

        await using var stream = await cluster.OpenStreamAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var offsets = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        await foreach (var entry in stream.ReadAsync(0, timeout.Token))
        {
            if (!offsets.TryGetValue(entry.Record.AssessmentId, out var list))
                offsets[entry.Record.AssessmentId] = list = [];
            list.Add(entry.Offset);
            if (entry.Offset >= through)
                break;
        }
        return offsets;
    }

    /// <summary>
    /// Every acknowledged assessment is in the stream, first at the offset its acknowledgement named. Returns how many
    /// of them the stream holds more than once (a retried publish; consumers drop such copies by assessment id).
    /// </summary>
    public static async Task<int> AssertAllAcknowledgedAreStoredAsync(SiloCluster cluster, IEnumerable<AcknowledgedAssessment> acknowledged)
    {
        var stored = await ReadAllAsync(cluster);
        var copies = 0;
        foreach (var assessment in acknowledged)
        {
            Assert.True(stored.TryGetValue(assessment.AssessmentId, out var offsets), $"Acknowledged assessment {assessment.AssessmentId} is not in the stream.");
            Assert.Equal(assessment.Offset, offsets![0]);
            if (offsets.Count > 1)
                copies++;
        }
        return copies;
    }
}
