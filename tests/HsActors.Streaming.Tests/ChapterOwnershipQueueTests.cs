using System.Collections.Concurrent;
using System.Text;
using HsActors.Streaming.RabbitMq;

namespace HsActors.Streaming.Tests;

[Collection(RabbitMqCollection.Name)]
public sealed class ChapterOwnershipQueueTests(RabbitMqBroker broker)
{
    [Fact]
    public async Task Only_one_subscriber_receives_requests_and_the_other_takes_over_when_it_leaves()
    {
        var prefix = $"hsactors.test.owner.{Guid.NewGuid():N}.";
        await using var siloA = await broker.Endpoint.ConnectAsync("silo-a");
        await using var siloB = await broker.Endpoint.ConnectAsync("silo-b");
        var queueA = new ChapterOwnershipQueue(siloA, "87", prefix);
        var queueB = new ChapterOwnershipQueue(siloB, "87", prefix);
        await queueA.DeclareAsync();
        await queueB.DeclareAsync();

        var receivedByA = new ConcurrentQueue<string>();
        var receivedByB = new ConcurrentQueue<string>();
        var subscriptionA = await queueA.SubscribeAsync((body, _) => Record(receivedByA, body));
        await using var subscriptionB = await queueB.SubscribeAsync((body, _) => Record(receivedByB, body));

        for (var i = 0; i < 5; i++)
            await queueA.PublishAsync(Encoding.UTF8.GetBytes($"retrain-{i}"));
        await WaitUntilAsync(() => receivedByA.Count + receivedByB.Count >= 5);
        await Task.Delay(300); // a second receiver, if there were one, would show up now

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"retrain-{i}"), receivedByA);
        Assert.Empty(receivedByB);

        await subscriptionA.DisposeAsync();
        for (var i = 5; i < 10; i++)
            await queueB.PublishAsync(Encoding.UTF8.GetBytes($"retrain-{i}"));
        await WaitUntilAsync(() => receivedByB.Count >= 5);

        Assert.Equal(Enumerable.Range(5, 5).Select(i => $"retrain-{i}"), receivedByB);
        Assert.Equal(5, receivedByA.Count);
    }

    [Theory]
    [InlineData("8")]
    [InlineData("871")]
    [InlineData("8a")]
    public async Task A_chapter_that_is_not_two_digits_is_rejected(string chapter)
    {
        await using var connection = await broker.Endpoint.ConnectAsync("chapter-check");
        var error = Assert.Throws<ArgumentException>(() => new ChapterOwnershipQueue(connection, chapter));
        Assert.Contains(chapter, error.Message);
    }

    private static Task Record(ConcurrentQueue<string> received, ReadOnlyMemory<byte> body)
    {
        received.Enqueue(Encoding.UTF8.GetString(body.Span));
        return Task.CompletedTask;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + StreamReading.Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Condition not met within {StreamReading.Patience}.");
            await Task.Delay(50);
        }
    }
}
