using Microsoft.AspNetCore.Mvc;

namespace HsActors.Silo.Api;

/// <summary>RFC 7807 answers, the one error shape of the API (application/problem+json).</summary>
internal static class Problems
{
    public const string ContentType = "application/problem+json";

    public static IResult Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is not valid.", detail: "See 'errors' for the fields at fault.");

    public static IResult Status(int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title);

    /// <summary>A problem other than 400 that still names the fields at fault in <c>errors</c>.</summary>
    public static IResult Status(int status, string title, string detail, IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors) { Status = status, Title = title, Detail = detail });

    /// <summary>For code that writes the response itself (authentication, rate limiting, exception handling).</summary>
    public static Task WriteAsync(HttpContext context, int status, string title, string detail, IDictionary<string, string[]>? errors = null)
    {
        var problem = errors is null
            ? new ProblemDetails()
            : new HttpValidationProblemDetails(errors);
        problem.Status = status;
        problem.Title = title;
        problem.Detail = detail;
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(problem, problem.GetType(), options: null, contentType: ContentType);
    }
}
