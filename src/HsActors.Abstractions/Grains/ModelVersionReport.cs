namespace HsActors.Abstractions.Grains;

/// <param name="Chapters">Chapter (two digits) → model version, for the chapters whose grains are active.</param>
public sealed record ModelVersionReport(string RouterVersion, IReadOnlyDictionary<string, string> Chapters)
{
    /// <summary>Set while a router version named by the pointer was refused; the previous router keeps serving.</summary>
    public ModelLoadFault? RouterFault { get; init; }
}
