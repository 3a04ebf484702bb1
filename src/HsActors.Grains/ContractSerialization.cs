using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace HsActors.Grains;

/// <summary>
/// How the HTTP contracts cross grain calls. They carry no Orleans attributes (the client SDK shares them), so Orleans
/// serializes them as JSON when a call leaves the silo; the router hands them over as <c>Immutable&lt;T&gt;</c> on its
/// own silo, so a local call neither copies nor serializes them. Every silo and client of the cluster registers this.
/// </summary>
public static class ContractSerialization
{
    public static IServiceCollection AddContractSerialization(this IServiceCollection services) =>
        services.AddSerializer(serializer => serializer.AddJsonSerializer(isSupported: IsContract));

    private static bool IsContract(Type type) =>
        type.Namespace?.StartsWith(typeof(Contracts.ClassifyRequest).Namespace!, StringComparison.Ordinal) == true;
}
