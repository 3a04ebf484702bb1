using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi.Reader;
using Microsoft.OpenApi;

namespace HsActors.Api.Fuzz.Tests.Document;

/// <summary>
/// The silo's own <c>/openapi/v1.json</c>, read with Microsoft.OpenApi: its operations, parameters, request schemas,
/// response schemas (for validation) and the roles each operation admits.
/// </summary>
public sealed class ApiDocument
{
    public const string Path = "/openapi/v1.json";

    /// <summary>The operation extension the silo lists an operation's admitted key roles in.</summary>
    public const string RolesExtension = "x-hsactors-roles";

    private ApiDocument(OpenApiDocument document, IReadOnlyList<ApiOperation> operations)
    {
        Model = document;
        Operations = operations;
    }

    public OpenApiDocument Model { get; }

    public IReadOnlyList<ApiOperation> Operations { get; }

    public static async Task<ApiDocument> LoadAsync(HttpClient client)
    {
        using var stream = new MemoryStream(await client.GetByteArrayAsync(Path));
        var (document, diagnostic) = OpenApiDocument.Load(stream, OpenApiConstants.Json, new OpenApiReaderSettings());
        if (document is null || diagnostic?.Errors.Count > 0)
        {
            throw new InvalidDataException($"{Path} does not read as OpenAPI: {string.Join("; ", diagnostic?.Errors ?? [])}");
        }
        var schemas = new ResponseSchemas(document);
        var operations = new List<ApiOperation>();
        foreach (var (template, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                operations.Add(Operation(method, template, item, operation, schemas));
            }
        }
        return new ApiDocument(document, operations);
    }

    private static ApiOperation Operation(HttpMethod method, string template, IOpenApiPathItem item, OpenApiOperation operation, ResponseSchemas schemas)
    {
        var parameters = (item.Parameters ?? []).Concat(operation.Parameters ?? []).ToList();
        var responses = new Dictionary<int, ApiResponse>();
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            {
                var (mediaType, content) = response.Content?.FirstOrDefault() ?? default;
                responses[code] = new ApiResponse(code, mediaType, content?.Schema is { } schema ? schemas.For(schema) : null);
            }
        }
        return new ApiOperation(
            method,
            template,
            operation.OperationId ?? $"{method} {template}",
            Parameters(parameters, ParameterLocation.Path),
            Parameters(parameters, ParameterLocation.Query),
            operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true ? body.Schema : null,
            responses,
            Roles(operation));
    }

    private static List<ApiParameter> Parameters(IEnumerable<IOpenApiParameter> parameters, ParameterLocation location) =>
        [.. parameters.Where(p => p.In == location && p.Name is not null).Select(p => new ApiParameter(p.Name!, p.Required, p.Schema))];

    /// <summary>No security requirement: anonymous. A requirement without a role list: any valid key.</summary>
    private static HashSet<string>? Roles(OpenApiOperation operation)
    {
        if (operation.Security is not { Count: > 0 })
        {
            return null;
        }
        if (operation.Extensions?.TryGetValue(RolesExtension, out var extension) == true && extension is JsonNodeExtension { Node: JsonArray roles })
        {
            return [.. roles.Select(r => r!.GetValue<string>())];
        }
        return [.. FuzzRole.All.Where(r => r.Name is not null).Select(r => r.Name!)];
    }
}
