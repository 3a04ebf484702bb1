namespace HsActors.Contracts;

/// <summary>
/// Where the chapters (or one chapter's headings) sit relative to each other, for the console's 2D and 3D map.
/// </summary>
/// <param name="Basis">What the coordinates were computed from, in words, so the picture is never mistaken for geography.</param>
/// <param name="ModelVersion">The model version whose weights were projected.</param>
/// <param name="Chapter">Null for the chapter map; the chapter whose headings <paramref name="Points"/> holds otherwise.</param>
public sealed record ChapterMap(string Basis, string ModelVersion, string? Chapter, IReadOnlyList<MapPoint> Points);

/// <param name="Code">Two digits for a chapter, four for a heading.</param>
/// <param name="X">Coordinates lie in [-1, 1], one scale for all axes; X explains the most variance, Z the least.</param>
public sealed record MapPoint(string Code, string Title, string Section, string SectionTitle, double X, double Y, double Z);
