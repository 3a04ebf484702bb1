namespace HsActors.Silo.Security;

/// <summary>The documented keys of the shipped configuration: public knowledge, so the silo warns while they work.</summary>
internal static class DevelopmentKeys
{
    public static readonly IReadOnlyList<string> All = ["dev-hub-key", "dev-officer-key", "dev-admin-key"];

    public static IReadOnlyList<string> EnabledIn(ApiKeyRegistry registry) => [.. All.Where(registry.Contains)];
}
