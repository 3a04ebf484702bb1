using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace HsActors.Storage.AzureBlob;

/// <summary>
/// Shared Key authorization for the Blob service (signature format of version 2009-09-19 and later):
/// HMAC-SHA256 with the account key over VERB, the eleven standard headers, the canonicalized x-ms-* headers and
/// the canonicalized resource. Signs exactly the header text that goes on the wire, read back from the request.
/// </summary>
public sealed class SharedKeyRequestSigner
{
    private static readonly string[] StandardHeadersInSigningOrder =
    [
        "Content-Encoding", "Content-Language", "Content-Length", "Content-MD5", "Content-Type", "Date",
        "If-Modified-Since", "If-Match", "If-None-Match", "If-Unmodified-Since", "Range",
    ];

    private readonly byte[] _key;

    public SharedKeyRequestSigner(string accountName, string base64AccountKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        ArgumentException.ThrowIfNullOrWhiteSpace(base64AccountKey);
        AccountName = accountName;
        try
        {
            _key = Convert.FromBase64String(base64AccountKey);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException($"The account key of '{accountName}' is not valid base64.", nameof(base64AccountKey), ex);
        }
    }

    public string AccountName { get; }

    /// <summary>Adds <c>Authorization: SharedKey account:signature</c>. The request must already carry x-ms-date (or Date) and x-ms-version.</summary>
    public void Sign(HttpRequestMessage request)
    {
        var stringToSign = BuildStringToSign(request);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", $"SharedKey {AccountName}:{signature}");
    }

    public string BuildStringToSign(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.RequestUri);
        var builder = new StringBuilder(256);
        builder.Append(request.Method.Method).Append('\n');
        foreach (var header in StandardHeadersInSigningOrder)
        {
            builder.Append(StandardHeaderValue(request, header)).Append('\n');
        }

        AppendCanonicalizedHeaders(builder, request.Headers);
        AppendCanonicalizedResource(builder, request.RequestUri);
        return builder.ToString();
    }

    private static string StandardHeaderValue(HttpRequestMessage request, string header)
    {
        if (header == "Content-Length")
        {
            // Since version 2015-02-21 a zero length signs as the empty string.
            var length = request.Content?.Headers.ContentLength;
            return length is null or 0 ? string.Empty : length.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        HttpHeaders? headers = header.StartsWith("Content-", StringComparison.Ordinal) ? request.Content?.Headers : request.Headers;
        return headers is not null && headers.NonValidated.TryGetValues(header, out var values) ? values.ToString() : string.Empty;
    }

    private static void AppendCanonicalizedHeaders(StringBuilder builder, HttpRequestHeaders headers)
    {
        var msHeaders = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in headers.NonValidated)
        {
            if (name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            {
                msHeaders.Add(new(name.ToLowerInvariant(), CollapseWhitespace(values.ToString())));
            }
        }

        msHeaders.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var (name, value) in msHeaders)
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }
    }

    private void AppendCanonicalizedResource(StringBuilder builder, Uri uri)
    {
        // The path as sent (still percent-encoded); for path-style endpoints such as Azurite it starts with the account again.
        builder.Append('/').Append(AccountName).Append(uri.AbsolutePath);
        var query = uri.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return;
        }

        var parameters = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]).ToLowerInvariant();
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (!parameters.TryGetValue(name, out var list))
            {
                parameters[name] = list = [];
            }

            list.Add(value);
        }

        foreach (var (name, values) in parameters)
        {
            values.Sort(StringComparer.Ordinal);
            builder.Append('\n').Append(name).Append(':').AppendJoin(',', values);
        }
    }

    private static string CollapseWhitespace(string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.Contains("  ", StringComparison.Ordinal) && !trimmed.Contains('\t'))
        {
            return trimmed;
        }

        var builder = new StringBuilder(trimmed.Length);
        var previousWasSpace = false;
        foreach (var c in trimmed)
        {
            var isSpace = c is ' ' or '\t';
            if (!isSpace || !previousWasSpace)
            {
                builder.Append(isSpace ? ' ' : c);
            }

            previousWasSpace = isSpace;
        }

        return builder.ToString();
    }
}
