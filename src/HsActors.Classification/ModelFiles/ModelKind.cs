namespace HsActors.Classification.ModelFiles;

public enum ModelKind : byte
{
    Router = 1,
    Chapter = 2,

    /// <summary>The semantic stage's embedding index (HsActors.Classification.Semantic).</summary>
    SemanticIndex = 3,
}
