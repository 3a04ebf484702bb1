using HsActors.Api.Fuzz.Tests.Fixtures;
using HsActors.Api.Fuzz.Tests.Generation;
using Xunit.Abstractions;

namespace HsActors.Api.Fuzz.Tests;

/// <summary>
/// The fuzzer driven by the silo's OpenAPI document: every operation, from every role, with valid, boundary and
/// invalid requests (a few thousand, from a fixed seed; HSACTORS_FUZZ_ITERATIONS and HSACTORS_FUZZ_SEED for more).
/// </summary>
[Collection(FuzzSiloCollection.Name)]
public sealed class ApiFuzzTests(FuzzSilo silo, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_operation_answers_every_role_by_the_rules()
    {
        using var client = silo.Client(key: null);
        var generator = new RequestGenerator(silo.Document, new RequestBodies(new SchemaValues(new FieldSamples(silo.ModelVersions))));
        var run = new FuzzRun(client, generator.Requests());

        await run.RunAsync(FuzzRun.NormalRun);

        output.WriteLine(run.Report());
        Assert.True(run.Violations.Count == 0, run.Report());
        var ready = await client.GetAsync("/health/ready");
        Assert.True(ready.IsSuccessStatusCode, $"/health/ready answered {(int)ready.StatusCode} after the run:\n{silo.Process.Output}");
    }
}
