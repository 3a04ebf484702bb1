namespace HsActors.Abstractions.Grains;

/// <param name="Chapters">Chapter (two digits) → model version, for the chapters this silo has loaded.</param>
[GenerateSerializer, Immutable, Alias("hsactors.model-versions")]
public sealed record ModelVersionReport([property: Id(0)] string RouterVersion, [property: Id(1)] IReadOnlyDictionary<string, string> Chapters)
{
    /// <summary>Set while a router version named by the pointer was refused; the previous router keeps serving.</summary>
    [Id(2)]
    public ModelLoadFault? RouterFault { get; init; }
}
