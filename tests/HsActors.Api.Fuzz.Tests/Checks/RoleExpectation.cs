using HsActors.Api.Fuzz.Tests.Document;
using HsActors.Api.Fuzz.Tests.Generation;

namespace HsActors.Api.Fuzz.Tests.Checks;

/// <summary>
/// The role table the document gives each operation (from the silo's authorization policies), for the operation the
/// path actually reaches: no key is 401, a key of a role the operation does not admit is 403, and neither ever gets a
/// 2xx. An admitted key is never told 401, and a 403 to it must say which field it may not send (an officer
/// submitting for another officer). A path that reaches no operation is a 404 or 405, never a 2xx.
/// </summary>
public static class RoleExpectation
{
    private const string Rule = "role table";

    public static Violation? Check(FuzzRequest request, FuzzResponse response)
    {
        var status = response.Status;
        // Refused before authentication runs: by the HTTP server itself, or for a content type no endpoint accepts
        // (415, decided while the endpoint is chosen).
        if (response.IsServerRejection || (status == 415 && !request.Body.IsJson))
        {
            return null;
        }
        return request.Route switch
        {
            { Kind: RouteKind.Operation, Operation: { } operation } => Check(operation, request.Role, response),
            { Kind: RouteKind.NoRoute } => status is 404 or 405 ? null : new(Rule, $"{status} for a path no operation has"),
            // Every operation of the document needs a key, so whatever an unresolved path reaches, no key gets no 2xx.
            _ => request.Role.Key is null && status is >= 200 and < 300 ? new(Rule, $"{status} for no key on an unresolved path") : null,
        };
    }

    private static Violation? Check(ApiOperation operation, FuzzRole role, FuzzResponse response)
    {
        var status = response.Status;
        if (!operation.Admits(role))
        {
            var expected = role.Key is null ? 401 : 403;
            return status == expected ? null
                : new(Rule, $"{status} for {role}, expected {expected}: {operation} admits {string.Join(", ", operation.Roles ?? new HashSet<string>())}");
        }
        if (status == 401)
        {
            return new(Rule, $"401 for {role}, which {operation} admits");
        }
        if (status == 403 && !response.Body.Contains("\"errors\"", StringComparison.Ordinal))
        {
            return new(Rule, $"403 without a field at fault for {role}, which {operation} admits");
        }
        return null;
    }
}
