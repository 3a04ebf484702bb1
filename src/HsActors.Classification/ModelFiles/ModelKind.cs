namespace HsActors.Classification.ModelFiles;

public enum ModelKind : byte
{
    Router = 1,
    Chapter = 2,
}
