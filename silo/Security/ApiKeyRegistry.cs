using System.Security.Cryptography;
using System.Text;
using HsActors.Silo.Hosting;

namespace HsActors.Silo.Security;

/// <summary>
/// The configured keys, by the SHA-256 of the key: only hashes are configured, so a leaked configuration file does not
/// leak a usable key. Invalid configuration fails start-up with the entry at fault.
/// </summary>
public sealed class ApiKeyRegistry
{
    private readonly Dictionary<string, ApiKeyIdentity> _byHash = new(StringComparer.Ordinal);

    public ApiKeyRegistry(IEnumerable<ApiKeyOptions> keys)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var key in keys)
        {
            var at = $"HsActors:ApiKeys:{index++}";
            if (string.IsNullOrWhiteSpace(key.Name) || !names.Add(key.Name))
            {
                throw new InvalidOperationException($"{at}:Name must be a non-empty name used by no other key (got '{key.Name}').");
            }
            var role = key.Role.Trim().ToLowerInvariant();
            if (!ApiRoles.All.Contains(role))
            {
                throw new InvalidOperationException($"{at}:Role is '{key.Role}'; it must be one of {string.Join(", ", ApiRoles.All)}.");
            }
            var hash = key.Sha256.Trim().ToLowerInvariant();
            if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigit))
            {
                throw new InvalidOperationException($"{at}:Sha256 must be the 64 hex digits of the key's SHA-256.");
            }
            if (!_byHash.TryAdd(hash, new ApiKeyIdentity(key.Name, role, key.ExpiresAt)))
            {
                throw new InvalidOperationException($"{at}:Sha256 repeats the hash of another key.");
            }
        }
    }

    public int Count => _byHash.Count;

    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public bool TryIdentify(string presentedKey, out ApiKeyIdentity identity) =>
        _byHash.TryGetValue(HashOf(presentedKey), out identity!);

    public bool Contains(string key) => _byHash.ContainsKey(HashOf(key));
}

/// <param name="ExpiresAt">Null for a key without a term.</param>
public sealed record ApiKeyIdentity(string Name, string Role, DateTimeOffset? ExpiresAt = null)
{
    public bool HasExpired(DateTimeOffset now) => ExpiresAt is { } end && now >= end;
}
