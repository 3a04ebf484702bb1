using HsActors.Contracts;

namespace HsActors.Client;

/// <summary>The HsActors HS-code recommendation service, version 1 of its HTTP API.</summary>
public interface IHsActorsClient
{
    /// <summary>
    /// Ranked HS-code recommendations for one declaration line. With micro-batching on, concurrent calls travel
    /// together in batch requests; each caller still gets its own result, exception or cancellation.
    /// </summary>
    /// <exception cref="HsActorsApiException">The service refused the line or failed after every retry.</exception>
    Task<ClassifyResponse> ClassifyAsync(ClassifyRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Classifies any number of lines, <see cref="BatchClassifyRequest.MaxLines"/> per request, and returns the
    /// results in the order of <paramref name="requests"/>.
    /// </summary>
    /// <exception cref="HsActorsApiException">A request failed; per-line errors are keyed <c>lines[i]....</c> with i the index in <paramref name="requests"/>.</exception>
    Task<IReadOnlyList<ClassifyResponse>> ClassifyBatchAsync(IReadOnlyList<ClassifyRequest> requests, CancellationToken cancellationToken = default);

    /// <summary>One nomenclature line with its parents, or null when the service knows no such code.</summary>
    Task<NomenclatureItem?> GetNomenclatureAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>What an importer has declared before, or null when the service knows no such importer.</summary>
    Task<ImporterSummary?> GetImporterStatisticsAsync(string importerId, CancellationToken cancellationToken = default);
}
