using System.Diagnostics;
using HsActors.Streaming.RabbitMq;

namespace HsActors.Streaming.Tests;

[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqChapterOwnershipTests(RabbitMqBroker broker)
{
    private static readonly string[] Keys = ["09", "40", "router"];

    [Fact]
    public async Task Of_three_silos_competing_for_a_key_exactly_one_owns_it_and_keeps_it_across_token_renewals()
    {
        // Renewing every 100 ms swaps the held token many times during the observation below.
        var options = Options() with { TokenRenewal = TimeSpan.FromMilliseconds(100) };
        await using var a = new RabbitMqChapterOwnership(broker.Endpoint, options);
        await using var b = new RabbitMqChapterOwnership(broker.Endpoint, options);
        await using var c = new RabbitMqChapterOwnership(broker.Endpoint, options);
        RabbitMqChapterOwnership[] silos = [a, b, c];
        foreach (var key in Keys)
            foreach (var silo in silos)
                await silo.CompeteAsync(key);

        foreach (var key in Keys)
            await WaitUntilAsync(() => silos.Count(s => s.Owns(key)) == 1, $"one silo owns {key}");
        var owners = Keys.ToDictionary(k => k, k => Array.FindIndex(silos, s => s.Owns(k)));

        for (var sample = 0; sample < 30; sample++)
        {
            foreach (var key in Keys)
            {
                var owning = silos.Select((s, i) => (s, i)).Where(x => x.s.Owns(key)).Select(x => x.i).ToList();
                Assert.Equal([owners[key]], owning);
            }
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task When_the_owner_gives_up_another_silo_takes_the_key_over_within_seconds()
    {
        var options = Options();
        var a = new RabbitMqChapterOwnership(broker.Endpoint, options);
        await using var b = new RabbitMqChapterOwnership(broker.Endpoint, options);
        await a.CompeteAsync("87");
        await WaitUntilAsync(() => a.Owns("87"), "the first candidate owns 87");
        await b.CompeteAsync("87");
        Assert.False(b.Owns("87"));

        var clock = Stopwatch.StartNew();
        await a.DisposeAsync();
        await WaitUntilAsync(() => b.Owns("87"), "the second candidate takes 87 over", TimeSpan.FromSeconds(10));
        Console.WriteLine($"Ownership of 87 moved {clock.ElapsedMilliseconds} ms after the owner let go.");
        Assert.Equal(["87"], b.OwnedKeys());
    }

    [Fact]
    public async Task When_the_broker_cuts_the_owners_connection_another_silo_takes_over_and_the_first_competes_again()
    {
        var options = Options();
        var aName = $"ownership-test-a-{Guid.NewGuid():N}";
        await using var a = new RabbitMqChapterOwnership(broker.Endpoint, options with { ConnectionName = aName });
        await a.CompeteAsync("64");
        await WaitUntilAsync(() => a.Owns("64"), "the first candidate owns 64");
        var b = new RabbitMqChapterOwnership(broker.Endpoint, options);
        await b.CompeteAsync("64");

        var connections = await broker.ControlAsync("list_connections", "pid", "client_properties", "--no-table-headers", "--quiet");
        var aConnection = connections.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Single(l => l.Contains(aName, StringComparison.Ordinal))
            .Split('\t')[0].Trim();
        await broker.ControlAsync("close_connection", aConnection, "test: the owner's connection dies");
        await WaitUntilAsync(() => b.Owns("64") && !a.Owns("64"), "the second candidate owns 64 and the first does not");

        // a's client reconnected by itself and subscribed again: it is the next in line.
        await b.DisposeAsync();
        await WaitUntilAsync(() => a.Owns("64"), "the first candidate owns 64 again");
    }

    [Theory]
    [InlineData("8")]
    [InlineData("routers")]
    public async Task A_key_that_is_neither_a_chapter_nor_the_router_is_rejected(string key)
    {
        await using var ownership = new RabbitMqChapterOwnership(broker.Endpoint, Options());
        var error = Assert.Throws<ArgumentException>(() => ownership.Owns(key));
        Assert.Contains(key, error.Message);
    }

    // Each test on queues of its own, so tests do not see each other's tokens.
    private static ChapterOwnershipOptions Options() => new()
    {
        QueuePrefix = $"hsactors.test.ownership.{Guid.NewGuid():N}.",
        RetryDelay = TimeSpan.FromMilliseconds(200),
    };

    private static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? StreamReading.Patience;
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out after {limit} waiting until {what}.");
            await Task.Delay(20);
        }
    }
}
