namespace HsActors.Classification.ModelFiles;

/// <summary>A model file that is not one, is of another format version, is truncated or fails its checksum.</summary>
public sealed class ModelFileException(string message, Exception? inner = null) : Exception(message, inner);
