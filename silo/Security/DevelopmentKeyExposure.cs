using System.Net;
using HsActors.Silo.Hosting;

namespace HsActors.Silo.Security;

/// <summary>
/// The development keys are public, so a silo that has them enabled listens on loopback only, unless
/// <see cref="AllowSetting"/> says on purpose that it may be reached from the network with them.
/// </summary>
internal static class DevelopmentKeyExposure
{
    public const string AllowSetting = $"{SiloOptions.Section}:AllowDevelopmentKeysOnNetwork";

    /// <returns>The one-line reason to refuse the start; null when the silo may start.</returns>
    public static string? Refusal(IConfiguration configuration, IReadOnlyList<string> enabledDevelopmentKeys, string urls)
    {
        if (enabledDevelopmentKeys.Count == 0 || configuration.GetValue<bool>(AllowSetting))
        {
            return null;
        }
        var exposed = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(u => !IsLoopback(u)).ToList();
        return exposed.Count == 0
            ? null
            : $"Refusing to start: the public development API keys ({string.Join(", ", enabledDevelopmentKeys)}) are enabled and the silo would listen on {string.Join(", ", exposed)}; " +
              $"replace HsActors:ApiKeys with your own hashed keys, listen on 127.0.0.1, or set {AllowSetting}=true on purpose.";
    }

    private static bool IsLoopback(string url)
    {
        // Kestrel's wildcards ("*", "+", 0.0.0.0, [::]) and any name other than localhost reach the network.
        var host = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        host = host.Split('/')[0];
        if (host.StartsWith('['))
        {
            host = host[1..host.IndexOf(']', StringComparison.Ordinal)];
        }
        else if (host.LastIndexOf(':') is var colon and > 0)
        {
            host = host[..colon];
        }
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
