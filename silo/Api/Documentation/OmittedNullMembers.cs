using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HsActors.Silo.Api.Documentation;

/// <summary>
/// The silo writes JSON without its null members (<see cref="SiloJsonContext"/>: WhenWritingNull), so a member that
/// may be null may also be absent, and the document must not call it required: a client generated from it would
/// refuse <c>{"name":"hub","role":"hub"}</c> for lacking <c>expiresAt</c>. Runs over the finished document.
/// </summary>
internal sealed class OmittedNullMembers : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var schema in document.Components?.Schemas?.Values ?? [])
        {
            Relax(schema, depth: 0);
        }
        return Task.CompletedTask;
    }

    private static void Relax(IOpenApiSchema schema, int depth)
    {
        // References are relaxed where their component is; inline schemas nest a few levels at most.
        if (schema is not OpenApiSchema inline || depth > 16)
        {
            return;
        }
        foreach (var (name, member) in inline.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (MayBeNull(member))
            {
                inline.Required?.Remove(name);
            }
            Relax(member, depth + 1);
        }
        if (inline.Items is { } items)
        {
            Relax(items, depth + 1);
        }
        if (inline.AdditionalProperties is { } values)
        {
            Relax(values, depth + 1);
        }
    }

    private static bool MayBeNull(IOpenApiSchema member) =>
        member.Type?.HasFlag(JsonSchemaType.Null) == true
        || member.OneOf?.Any(s => s.Type == JsonSchemaType.Null) == true
        || member.AnyOf?.Any(s => s.Type == JsonSchemaType.Null) == true;
}
