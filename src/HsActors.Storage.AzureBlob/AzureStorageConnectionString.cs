using System.Text;

namespace HsActors.Storage.AzureBlob;

/// <summary>
/// The parts of an Azure Storage connection string the blob client needs. Accepts
/// <c>UseDevelopmentStorage=true</c> (Azurite defaults, any key may be overridden, e.g. BlobEndpoint for another port),
/// or AccountName + AccountKey with either BlobEndpoint or DefaultEndpointsProtocol/EndpointSuffix.
/// </summary>
public sealed record AzureStorageConnectionString(string AccountName, string AccountKey, Uri BlobEndpoint)
{
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>The emulator's published, well-known key: not a secret.</summary>
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static AzureStorageConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Split at the first '=' only: base64 keys end in '=' padding.
            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                throw new FormatException($"Connection string setting '{Redact(part)}' is not of the form Key=Value.");
            }

            settings[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }

        if (settings.ContainsKey("SharedAccessSignature"))
        {
            throw new FormatException("SharedAccessSignature connection strings are not supported; give AccountName and AccountKey.");
        }

        var development = settings.TryGetValue("UseDevelopmentStorage", out var useDev) && bool.TryParse(useDev, out var dev) && dev;
        var accountName = Setting(settings, "AccountName") ?? (development ? DevelopmentAccountName : null)
            ?? throw new FormatException("Connection string has no AccountName (and is not UseDevelopmentStorage=true).");
        var accountKey = Setting(settings, "AccountKey") ?? (development ? DevelopmentAccountKey : null)
            ?? throw new FormatException($"Connection string for account '{accountName}' has no AccountKey.");
        if (!IsBase64(accountKey))
        {
            throw new FormatException($"AccountKey of account '{accountName}' is not valid base64.");
        }

        Uri endpoint;
        if (Setting(settings, "BlobEndpoint") is { } explicitEndpoint)
        {
            if (!Uri.TryCreate(explicitEndpoint, UriKind.Absolute, out endpoint!) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
            {
                throw new FormatException($"BlobEndpoint '{explicitEndpoint}' is not an absolute http(s) URL.");
            }
        }
        else if (development)
        {
            endpoint = new Uri($"http://127.0.0.1:10000/{accountName}");
        }
        else
        {
            var protocol = Setting(settings, "DefaultEndpointsProtocol") ?? "https";
            if (protocol is not ("http" or "https"))
            {
                throw new FormatException($"DefaultEndpointsProtocol '{protocol}' must be http or https.");
            }

            var suffix = Setting(settings, "EndpointSuffix") ?? "core.windows.net";
            endpoint = new Uri($"{protocol}://{accountName}.blob.{suffix}");
        }

        return new AzureStorageConnectionString(accountName, accountKey, endpoint);
    }

    // Records print every property; the key must never reach a log.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("AccountName = ").Append(AccountName).Append(", AccountKey = ***, BlobEndpoint = ").Append(BlobEndpoint);
        return true;
    }

    private static string? Setting(Dictionary<string, string> settings, string key) =>
        settings.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

    private static bool IsBase64(string value)
    {
        Span<byte> buffer = stackalloc byte[Math.Min(value.Length, 1024)];
        return value.Length <= 1024 && Convert.TryFromBase64String(value, buffer, out var written) && written > 0;
    }

    private static string Redact(string part) => part.StartsWith("AccountKey", StringComparison.OrdinalIgnoreCase) ? "AccountKey…" : part;
}
