using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using HsActors.Contracts;

namespace HsActors.Client;

/// <summary>
/// One HTTP request per call to the v1 routes: JSON in and out, error statuses turned into
/// <see cref="HsActorsApiException"/>. Retries and timeouts live in the handler chain underneath.
/// </summary>
internal sealed class HsActorsHttpApi(HttpClient httpClient)
{
    private const string ClassifyRoute = "v1/classify";
    private const string ClassifyBatchRoute = "v1/classify/batch";

    public Task<ClassifyResponse> ClassifyAsync(ClassifyRequest request, CancellationToken cancellationToken) =>
        PostAsync(ClassifyRoute, request, HsActorsJsonContext.Default.ClassifyRequest, HsActorsJsonContext.Default.ClassifyResponse, cancellationToken);

    /// <summary>One batch request; <paramref name="lines"/> must respect <see cref="BatchClassifyRequest.MaxLines"/>.</summary>
    public async Task<IReadOnlyList<ClassifyResponse>> ClassifyBatchAsync(IReadOnlyList<ClassifyRequest> lines, CancellationToken cancellationToken)
    {
        var response = await PostAsync(
            ClassifyBatchRoute,
            new BatchClassifyRequest(lines),
            HsActorsJsonContext.Default.BatchClassifyRequest,
            HsActorsJsonContext.Default.BatchClassifyResponse,
            cancellationToken).ConfigureAwait(false);
        if (response.Results is null || response.Results.Count != lines.Count)
        {
            throw new HsActorsApiException(
                HttpStatusCode.OK,
                "POST /" + ClassifyBatchRoute,
                "The service broke the batch contract",
                $"It returned {response.Results?.Count ?? 0} results for {lines.Count} lines.");
        }

        return response.Results;
    }

    public Task<NomenclatureItem?> GetNomenclatureAsync(string code, CancellationToken cancellationToken) =>
        GetOrNullAsync("v1/nomenclature/" + Uri.EscapeDataString(code), HsActorsJsonContext.Default.NomenclatureItem, cancellationToken);

    public Task<ImporterSummary?> GetImporterStatisticsAsync(string importerId, CancellationToken cancellationToken) =>
        GetOrNullAsync("v1/importers/" + Uri.EscapeDataString(importerId) + "/stats", HsActorsJsonContext.Default.ImporterSummary, cancellationToken);

    private async Task<TResponse> PostAsync<TRequest, TResponse>(
        string route,
        TRequest body,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
    {
        using var content = JsonContent.Create(body, requestType);
        using var response = await httpClient.PostAsync(route, content, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemDetailsReader.ReadAsync(response, "POST /" + route, cancellationToken).ConfigureAwait(false);
        }

        return await ReadBodyAsync(response, "POST /" + route, responseType, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TResponse?> GetOrNullAsync<TResponse>(string route, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
        where TResponse : class
    {
        using var response = await httpClient.GetAsync(route, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemDetailsReader.ReadAsync(response, "GET /" + route, cancellationToken).ConfigureAwait(false);
        }

        return await ReadBodyAsync(response, "GET /" + route, responseType, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<TResponse> ReadBodyAsync<TResponse>(
        HttpResponseMessage response, string request, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(responseType, cancellationToken).ConfigureAwait(false)
                ?? throw new HsActorsApiException(response.StatusCode, request, "The service answered with an empty body", null);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new HsActorsApiException(
                response.StatusCode, request, "The service's answer is not the expected JSON", ex.Message, innerException: ex);
        }
    }
}
