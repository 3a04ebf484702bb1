using HsActors.Silo.Tests;

namespace HsActors.Api.Fuzz.Tests.Document;

/// <summary>Who sends a request: no key at all, or one of the test keys of each role.</summary>
public sealed record FuzzRole(string? Name, string? Key)
{
    public static readonly FuzzRole None = new(null, null);
    public static readonly FuzzRole Hub = new("hub", TestKeys.Hub);
    public static readonly FuzzRole Officer = new("officer", TestKeys.Officer);
    public static readonly FuzzRole Admin = new("admin", TestKeys.Admin);

    public static readonly IReadOnlyList<FuzzRole> All = [None, Hub, Officer, Admin];

    public override string ToString() => Name ?? "no key";
}
