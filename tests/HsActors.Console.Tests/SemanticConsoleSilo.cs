using HsActors.Silo.Tests;

namespace HsActors.Console.Tests;

/// <summary>The console's silo with its semantic stage on, serving <see cref="SmallSemanticIndex"/>: the models view then lists the "semantic" key.</summary>
public sealed class SemanticConsoleSilo : IAsyncLifetime
{
    private readonly SmallSemanticIndex _index = new();

    public SemanticConsoleSilo()
    {
        Silo = new ConsoleSilo(new Dictionary<string, string>
        {
            ["HsActors:Semantic:Enabled"] = "true",
            ["HsActors:Semantic:IndexFile"] = _index.File,
            ["HsActors:Semantic:BuildWhenMissing"] = "false",
        });
    }

    public ConsoleSilo Silo { get; }

    public Task InitializeAsync() => Silo.InitializeAsync();

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        _index.Dispose();
    }
}
