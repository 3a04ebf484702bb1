using HsActors.Silo.Security;

namespace HsActors.Silo.Tests;

/// <summary>Keys the test silos are configured with (by hash, as in production), one per role.</summary>
public static class TestKeys
{
    public const string Hub = "test-hub-key";
    public const string Officer = "test-officer-key";
    public const string Admin = "test-admin-key";

    /// <summary>The officer key's name, which is also the only officerId it may submit assessments under.</summary>
    public const string OfficerName = "test-officer";

    public static IEnumerable<KeyValuePair<string, string?>> Configuration()
    {
        var keys = new[] { ("hub", Hub), ("officer", Officer), ("admin", Admin) };
        for (var i = 0; i < keys.Length; i++)
        {
            yield return new($"HsActors:ApiKeys:{i}:Name", "test-" + keys[i].Item1);
            yield return new($"HsActors:ApiKeys:{i}:Role", keys[i].Item1);
            yield return new($"HsActors:ApiKeys:{i}:Sha256", ApiKeyRegistry.HashOf(keys[i].Item2));
        }
    }
}
