using System.Text.RegularExpressions;
using CsCheck;
using HsActors.Api.Fuzz.Tests.Document;

namespace HsActors.Api.Fuzz.Tests.Generation;

/// <summary>Requests for every operation of the document, from every role: the operation, then its path, query, headers and body.</summary>
public sealed partial class RequestGenerator(ApiDocument document, RequestBodies bodies)
{
    public Gen<FuzzRequest> Requests() =>
        Gen.SelectMany(Gen.OneOf([.. document.Operations]), Gen.OneOf([.. FuzzRole.All]), For);

    private Gen<FuzzRequest> For(ApiOperation operation, FuzzRole role)
    {
        var segments = operation.PathParameters.Aggregate(
            Gen.Const(new Dictionary<string, string>(StringComparer.Ordinal)),
            (all, parameter) => all.SelectMany(known => RequestParts.Segment(parameter.Name).Select(segment => new Dictionary<string, string>(known) { [parameter.Name] = segment })));
        var query = RequestParts.Query([.. operation.QueryParameters.Select(p => p.Name)]);
        return Gen.Select(segments, query, RequestParts.IfMatch, bodies.For(operation.RequestSchema), (values, queryString, ifMatch, body) =>
        {
            var path = Placeholder().Replace(operation.PathTemplate, m => values.TryGetValue(m.Groups[1].Value, out var s) ? s : m.Value);
            return new FuzzRequest(operation, RouteResolution.Resolve(document.Operations, operation.Method, path), role, path + queryString, ifMatch, body);
        });
    }

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex Placeholder();
}
