using Json.Schema;
using Microsoft.OpenApi;

namespace HsActors.Api.Fuzz.Tests.Document;

/// <summary>One operation of the OpenAPI document, as the fuzzer needs it.</summary>
/// <param name="Roles">The key roles the operation admits; null when it needs no key at all.</param>
public sealed record ApiOperation(
    HttpMethod Method,
    string PathTemplate,
    string Name,
    IReadOnlyList<ApiParameter> PathParameters,
    IReadOnlyList<ApiParameter> QueryParameters,
    IOpenApiSchema? RequestSchema,
    IReadOnlyDictionary<int, ApiResponse> Responses,
    IReadOnlySet<string>? Roles)
{
    public bool Admits(FuzzRole role) => Roles is null || (role.Name is { } name && Roles.Contains(name));

    /// <summary>
    /// The names a problem may give as the field at fault: the request schema's members at any depth, the path and
    /// query parameters, the If-Match header, and "body" for the body as a whole.
    /// </summary>
    public IReadOnlySet<string> FieldNames { get; } = FieldNamesOf(PathParameters, QueryParameters, RequestSchema);

    private static HashSet<string> FieldNamesOf(IReadOnlyList<ApiParameter> path, IReadOnlyList<ApiParameter> query, IOpenApiSchema? body)
    {
        HashSet<string> names = ["body", "If-Match", .. path.Select(p => p.Name), .. query.Select(p => p.Name)];
        AddMembers(body, names, depth: 0);
        return names;
    }

    private static void AddMembers(IOpenApiSchema? schema, HashSet<string> names, int depth)
    {
        if (schema is null || depth > 8)
        {
            return;
        }
        foreach (var (name, member) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            names.Add(name);
            AddMembers(member, names, depth + 1);
        }
        AddMembers(schema.Items, names, depth + 1);
        foreach (var alternative in (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.AllOf ?? []))
        {
            AddMembers(alternative, names, depth + 1);
        }
    }

    public override string ToString() => $"{Method} {PathTemplate}";
}

public sealed record ApiParameter(string Name, bool Required, IOpenApiSchema? Schema);

/// <param name="Schema">What the body must validate against; null when the document names no content.</param>
public sealed record ApiResponse(int Status, string? MediaType, JsonSchema? Schema);
