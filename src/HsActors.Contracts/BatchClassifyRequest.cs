namespace HsActors.Contracts;

/// <summary>Up to <see cref="MaxLines"/> lines; results come back in the same order.</summary>
public sealed record BatchClassifyRequest(IReadOnlyList<ClassifyRequest> Lines)
{
    public const int MaxLines = 10_000;
}

public sealed record BatchClassifyResponse(IReadOnlyList<ClassifyResponse> Results);
