using HsActors.Classification.Semantic.Evaluation;
using HsActors.Contracts;
using HsActors.Corpus;
using HsActors.LoadBench;
using HsActors.Nomenclature;

LoadBenchOptions options;
try
{
    options = LoadBenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(LoadBenchOptions.Usage);
    return 2;
}

// Realistic, varied descriptions from the corpus' synthetic generator (fixed seed: every run sends the same lines).
var declarations = new SyntheticDeclarationGenerator(HsNomenclature.Bundled, seed: 20_240_601).Generate(20_000).ToArray();
var descriptions = declarations.Select(d => d.Description).ToArray();

using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
using var client = new HttpClient(handler) { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(600) }; // a cold silo loads its chapter models on the first batches
client.DefaultRequestHeaders.Add("X-Api-Key", options.Key);

using (var ready = await client.GetAsync("/health/ready"))
{
    if (!ready.IsSuccessStatusCode)
    {
        Console.Error.WriteLine($"{options.Url} is not ready ({(int)ready.StatusCode}): {await ready.Content.ReadAsStringAsync()}");
        return 1;
    }
}
Console.WriteLine($"HsActors load bench against {options.Url} ({Environment.ProcessorCount} cores shared by client and silo)");
if (options.Batches > 0)
{
    await BatchPhase.RunAsync(client, options, descriptions);
}
if (options.Rate > 0)
{
    IReadOnlyList<(ClassifyRequest Line, HsCode Label)> labelled = options.Listings is { } path
        ? [.. MarketplaceListingFile.Read(path, out _).Select(l => (new ClassifyRequest { Description = l.Title, Category = l.Category, Attributes = l.Attributes }, l.Code))]
        : [.. declarations.Select(d => (new ClassifyRequest { Description = d.Description }, d.Code))];
    var lines = labelled.Select((l, i) => l.Line with
    {
        DeclaredCode = options.Declared ? l.Label.Digits : null,
        ImporterId = options.Importers > 0 ? $"BENCH-IMPORTER-{i % options.Importers}" : null,
    }).ToArray();
    await FixedRatePhase.RunAsync(client, options, lines);
}
return 0;
