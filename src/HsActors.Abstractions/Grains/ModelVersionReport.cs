namespace HsActors.Abstractions.Grains;

/// <param name="Chapters">Chapter (two digits) → model version, for the chapters whose grains are active.</param>
public sealed record ModelVersionReport(string RouterVersion, IReadOnlyDictionary<string, string> Chapters);
