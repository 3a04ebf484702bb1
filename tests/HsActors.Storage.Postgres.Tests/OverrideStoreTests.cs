using HsActors.Abstractions.Overrides;

namespace HsActors.Storage.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class OverrideStoreTests(PostgresServer server) : PostgresTestDatabase(server)
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TheNewestDecisionWinsWhateverTheOrderOfWrites()
    {
        var store = await StartedStoreAsync();
        var newer = Override("brake lever", null, "87149100", "A-2", Monday.AddHours(1));
        var older = Override("brake lever", null, "87141090", "A-1", Monday);

        await store.UpsertAsync(newer);
        await store.UpsertAsync(older);

        Assert.Equal("87149100", (await store.FindAsync("brake lever", null))?.Code);
        // A silo that starts afterwards loads the table: the older write did not overwrite the row either.
        var fresh = await StartedStoreAsync();
        Assert.Equal(newer, await fresh.FindAsync("brake lever", null));
        Assert.Equal(1, await fresh.CountAsync());
    }

    [Fact]
    public async Task AnImportersOwnOverrideComesBeforeTheOneForEveryImporter()
    {
        var store = await StartedStoreAsync();
        await store.UpsertAsync(Override("pu bag", null, "42022200", "A-1", Monday));
        await store.UpsertAsync(Override("pu bag", "IMP-7", "42029200", "A-2", Monday));

        Assert.Equal("42029200", (await store.FindAsync("pu bag", "IMP-7"))?.Code);
        Assert.Equal("42022200", (await store.FindAsync("pu bag", "IMP-8"))?.Code);
        Assert.Equal("42022200", (await store.FindAsync("pu bag", null))?.Code);
        Assert.Null(await store.FindAsync("leather bag", "IMP-7"));
        Assert.Equal(2, await store.CountAsync());
    }

    [Fact]
    public async Task ADecisionRecordedThroughOneSiloReachesAnotherWithoutARestart()
    {
        var first = await StartedStoreAsync();
        var second = await StartedStoreAsync();

        await first.UpsertAsync(Override("cotton t-shirt", null, "61091000", "A-1", Monday));
        await WaitUntilAsync(async () => (await second.FindAsync("cotton t-shirt", null))?.Code == "61091000", "the second silo sees the override");

        await second.UpsertAsync(Override("cotton t-shirt", null, "61099020", "A-2", Monday.AddMinutes(5)));
        await WaitUntilAsync(async () => (await first.FindAsync("cotton t-shirt", null))?.Code == "61099020", "the first silo sees the newer override");
    }

    [Fact]
    public async Task AListenerThatLostItsConnectionCatchesUpAfterReconnecting()
    {
        var listener = await StartedStoreAsync(new PostgresBackendOptions { ListenerReconnectDelay = TimeSpan.FromMilliseconds(100) });
        Assert.True(await Server.TerminateConnectionsAsync(DatabaseName) > 0);

        // Written through a silo with its own, healthy connections, possibly while the listener is still disconnected.
        var writer = await StartedStoreAsync();
        await writer.UpsertAsync(Override("steel screw", null, "73181510", "A-1", Monday));

        await WaitUntilAsync(async () => (await listener.FindAsync("steel screw", null))?.Code == "73181510", "the reconnected listener sees the override");
    }

    [Fact]
    public async Task OverridesWithKeysTooLongForANotificationStillReachOtherSilos()
    {
        var first = await StartedStoreAsync();
        var second = await StartedStoreAsync();
        var description = string.Join(' ', Enumerable.Repeat("stainless steel kitchen sink", 400));

        await first.UpsertAsync(Override(description, "IMP-1", "73241000", "A-1", Monday));

        await WaitUntilAsync(async () => (await second.FindAsync(description, "IMP-1"))?.Code == "73241000", "the second silo sees the long override");
    }

    private async Task<PostgresOverrideStore> StartedStoreAsync(PostgresBackendOptions? options = null)
    {
        var store = Own(new PostgresOverrideStore(NewDatabase(), options));
        await store.StartAsync();
        return store;
    }

    private static OfficerOverride Override(string description, string? importer, string code, string assessmentId, DateTimeOffset at) =>
        new(description, importer, code, assessmentId, "OFF-1", at);
}
