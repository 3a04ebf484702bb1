namespace HsActors.Storage.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class StreamOffsetStoreTests(PostgresServer server) : PostgresTestDatabase(server)
{
    [Fact]
    public async Task OffsetsAreKeptPerConsumerAndSurviveANewConnectionPool()
    {
        var store = new PostgresStreamOffsetStore(NewDatabase());
        Assert.Null(await store.LoadAsync("retrainer-84"));

        await store.SaveAsync("retrainer-84", 10);
        await store.SaveAsync("retrainer-85", 3);
        await store.SaveAsync("retrainer-84", 42);

        var restarted = new PostgresStreamOffsetStore(NewDatabase());
        Assert.Equal(42, await restarted.LoadAsync("retrainer-84"));
        Assert.Equal(3, await restarted.LoadAsync("retrainer-85"));
    }

    [Fact]
    public async Task ANegativeOffsetIsRefused()
    {
        var store = new PostgresStreamOffsetStore(NewDatabase());

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.SaveAsync("c", -1));
    }
}
