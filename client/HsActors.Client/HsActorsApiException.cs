using System.Net;
using System.Text;

namespace HsActors.Client;

/// <summary>
/// The service answered with an error status. Carries the RFC 7807 problem's title and detail and, for bad input,
/// the fields at fault with their messages.
/// </summary>
public sealed class HsActorsApiException : Exception
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoErrors =
        new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Creates the exception for one failed request.</summary>
    /// <param name="statusCode">The HTTP status the service answered with.</param>
    /// <param name="request">What was asked, e.g. <c>POST /v1/classify</c>; only used in the message.</param>
    /// <param name="title">The problem's title.</param>
    /// <param name="detail">The problem's detail.</param>
    /// <param name="errors">Field name → messages; null for none.</param>
    /// <param name="retryAfter">The service's <c>Retry-After</c>, when it sent one.</param>
    /// <param name="problemType">The problem's type URI.</param>
    /// <param name="innerException">What made the answer unusable, when the status alone did not.</param>
    public HsActorsApiException(
        HttpStatusCode statusCode,
        string request,
        string? title,
        string? detail,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? errors = null,
        TimeSpan? retryAfter = null,
        string? problemType = null,
        Exception? innerException = null)
        : base(ComposeMessage(statusCode, request, title, detail, errors), innerException)
    {
        StatusCode = statusCode;
        Request = request;
        Title = title;
        Detail = detail;
        Errors = errors ?? NoErrors;
        RetryAfter = retryAfter;
        ProblemType = problemType;
    }

    /// <summary>The HTTP status the service answered with.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>What was asked, e.g. <c>POST /v1/classify</c>.</summary>
    public string Request { get; }

    /// <summary>The problem's short, human-readable summary (<c>title</c>).</summary>
    public string? Title { get; }

    /// <summary>The problem's explanation of this occurrence (<c>detail</c>), or the start of a non-problem body.</summary>
    public string? Detail { get; }

    /// <summary>The problem's type URI (<c>type</c>).</summary>
    public string? ProblemType { get; }

    /// <summary>Field name → messages, from the problem's <c>errors</c> member; empty when there is none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors { get; }

    /// <summary>How long the service asked the caller to wait (<c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; }

    private static string ComposeMessage(
        HttpStatusCode statusCode,
        string request,
        string? title,
        string? detail,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? errors)
    {
        var message = new StringBuilder()
            .Append("HsActors ").Append(request).Append(" failed with ")
            .Append((int)statusCode).Append(' ').Append(statusCode);
        if (!string.IsNullOrWhiteSpace(title))
        {
            message.Append(": ").Append(title);
        }

        if (!string.IsNullOrWhiteSpace(detail))
        {
            message.Append(" (").Append(detail).Append(')');
        }

        if (errors is { Count: > 0 })
        {
            message.Append(" Fields:");
            foreach (var (field, messages) in errors)
            {
                message.Append(' ').Append(field).Append(": ").AppendJoin(" ", messages).Append(';');
            }
        }

        return message.ToString();
    }
}
