namespace HsActors.Abstractions.Models;

/// <summary>Base of the registry's own failures; always names the chapter.</summary>
public class ModelRegistryException : Exception
{
    public ModelRegistryException(string chapter, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Chapter = chapter;
    }

    public string Chapter { get; }
}
