using System.Net;

namespace HsActors.Storage.AzureBlob;

/// <summary>A response the service may not give next time (throttling, timeouts, server errors); the retry policy acts on it.</summary>
internal sealed class TransientResponseException(HttpStatusCode statusCode, string? errorCode)
    : Exception($"Azure Blob service answered {(int)statusCode} {statusCode} ({errorCode ?? "no error code"}).")
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    public static bool IsTransient(HttpStatusCode statusCode) => statusCode is HttpStatusCode.RequestTimeout
        or HttpStatusCode.TooManyRequests
        or HttpStatusCode.InternalServerError
        or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable
        or HttpStatusCode.GatewayTimeout;
}
