using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HsActors.Silo.Api.Documentation;

/// <summary>Adds the <see cref="DocumentedQueryParameter"/>s of an endpoint to its operation (all optional).</summary>
internal sealed class DocumentedQueryParameterTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in context.Description.ActionDescriptor.EndpointMetadata.OfType<DocumentedQueryParameter>())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Name,
                In = ParameterLocation.Query,
                Description = parameter.Description,
                Schema = new OpenApiSchema { Type = parameter.Type, Format = parameter.Format },
            });
        }
        return Task.CompletedTask;
    }
}
