using System.Text.Json.Nodes;
using HsActors.Silo.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HsActors.Silo.Api.Documentation;

/// <summary>
/// Puts into the OpenAPI document what the endpoints' authorization says: the API key scheme, and on every operation
/// that needs a key its security requirement, the roles its policy admits (<see cref="RolesExtension"/>) and the
/// 401 and 403 problems of a caller without them. Read from the policies the endpoints require, so the document
/// cannot drift from them; an operation without one stays anonymous.
/// </summary>
internal sealed class ApiKeyDocumentation(IAuthorizationPolicyProvider policies) : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string RolesExtension = "x-hsactors-roles";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = $"An API key of role {string.Join(", ", ApiRoles.All)}; 'Authorization: ApiKey <key>' is accepted too. Each operation lists the roles it admits in {RolesExtension}.",
        };
        return Task.CompletedTask;
    }

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        if (authorize.Count == 0 || metadata.OfType<IAllowAnonymous>().Any()
            || await AuthorizationPolicy.CombineAsync(policies, authorize) is not { } policy)
        {
            return;
        }
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, context.Document)] = [] }];
        // Every roles requirement of the policy must pass: the admitted roles are the ones all of them allow.
        var roles = policy.Requirements.OfType<RolesAuthorizationRequirement>()
            .Select(r => r.AllowedRoles)
            .Aggregate((IEnumerable<string>)ApiRoles.All, (admitted, allowed) => admitted.Intersect(allowed, StringComparer.Ordinal))
            .ToList();
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions[RolesExtension] = new JsonNodeExtension(new JsonArray([.. roles.Select(r => JsonValue.Create(r))]));
        operation.Responses ??= [];
        var problem = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
        Refusal(operation.Responses, StatusCodes.Status401Unauthorized, "No API key, or one that is unknown or expired.", problem);
        Refusal(operation.Responses, StatusCodes.Status403Forbidden, $"The API key's role is not one of {string.Join(", ", roles)}.", problem);
    }

    private static void Refusal(OpenApiResponses responses, int status, string description, OpenApiSchema problem)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!responses.ContainsKey(key))
        {
            responses[key] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType> { [Problems.ContentType] = new() { Schema = problem } },
            };
        }
    }
}
