using System.Text.Json.Serialization;

namespace HsActors.Storage.Postgres;

/// <summary>Source-generated JSON for the override notifications' payloads.</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class PostgresJsonContext : JsonSerializerContext;
