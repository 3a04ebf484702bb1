using Microsoft.OpenApi;

namespace HsActors.Silo.Api.Documentation;

/// <summary>
/// A query parameter an endpoint reads from the request itself (to refuse a repeated or malformed one by name rather
/// than let the binder guess), declared beside the endpoint so the document shows it all the same.
/// </summary>
internal sealed record DocumentedQueryParameter(string Name, JsonSchemaType Type, string Description, string? Format = null);

internal static class DocumentedQueryParameterExtensions
{
    public static TBuilder WithQueryParameter<TBuilder>(this TBuilder builder, string name, JsonSchemaType type, string description, string? format = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new DocumentedQueryParameter(name, type, description, format));
}
