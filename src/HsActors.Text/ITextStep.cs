namespace HsActors.Text;

/// <summary>One stateless, thread-safe transformation of the cleansing pipeline.</summary>
public interface ITextStep
{
    /// <summary>A short, stable name (the paper's function name without the <c>_func</c> suffix).</summary>
    string Name { get; }

    /// <summary>Transforms <paramref name="text"/>; returns the same instance when nothing changes.</summary>
    string Apply(string text);
}
