using System.Net;

namespace HsActors.Client.Tests;

public sealed class LookupTests : IAsyncLifetime
{
    private ContractServer _server = null!;

    public async Task InitializeAsync() => _server = await ContractServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Reads_a_known_nomenclature_line_and_returns_null_for_an_unknown_one()
    {
        await using var client = HsActorsClient.Create(TestOptions.For(_server));

        var known = await client.GetNomenclatureAsync(ContractServer.KnownCode);
        var unknown = await client.GetNomenclatureAsync("99999999");

        Assert.NotNull(known);
        Assert.Equal(ContractServer.KnownCode, known.Code);
        Assert.Equal(8, known.Level);
        Assert.Null(unknown);
        Assert.Equal(1, _server.Attempts("/v1/nomenclature/99999999"));
    }

    [Fact]
    public async Task Reads_importer_statistics_and_returns_null_for_an_unknown_importer()
    {
        await using var client = HsActorsClient.Create(TestOptions.For(_server));

        var known = await client.GetImporterStatisticsAsync(ContractServer.KnownImporter);
        var unknown = await client.GetImporterStatisticsAsync("nobody");

        Assert.NotNull(known);
        Assert.Equal(12, known.Declarations);
        Assert.Equal(ContractServer.KnownCode, Assert.Single(known.TopCodes).Key);
        Assert.Null(unknown);
    }

    [Fact]
    public async Task A_rejected_key_on_a_lookup_is_an_error_not_a_null()
    {
        await using var client = HsActorsClient.Create(TestOptions.For(_server, o => o.ApiKey = "wrong-key"));

        var error = await Assert.ThrowsAsync<HsActorsApiException>(() => client.GetNomenclatureAsync(ContractServer.KnownCode));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }
}
