using Npgsql;
using NpgsqlTypes;

namespace HsActors.Storage.Postgres;

/// <summary>Array parameters, which let one statement insert a whole batch through unnest.</summary>
internal static class PostgresParameters
{
    public static NpgsqlParameter Array<T>(string name, NpgsqlDbType elementType, IEnumerable<T> values) =>
        new(name, NpgsqlDbType.Array | elementType) { Value = values.ToArray() };
}
