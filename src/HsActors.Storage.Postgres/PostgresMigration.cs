using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace HsActors.Storage.Postgres;

/// <summary>One schema migration: an SQL script embedded in this assembly as <c>Migrations/NNNN_name.sql</c>.</summary>
/// <param name="Checksum">Hex SHA-256 of the script, recorded when applied so an edited script is noticed.</param>
public sealed partial record PostgresMigration(int Version, string Name, string Sql, string Checksum)
{
    private const string ResourcePrefix = "HsActors.Storage.Postgres.Migrations.";

    /// <summary>Every embedded migration, lowest version first.</summary>
    public static IReadOnlyList<PostgresMigration> Embedded { get; } = LoadEmbedded();

    public static PostgresMigration Create(int version, string name, string sql) =>
        new(version, name, sql, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql))));

    private static PostgresMigration[] LoadEmbedded()
    {
        var assembly = typeof(PostgresMigration).Assembly;
        var migrations = new List<PostgresMigration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var match = FileNamePattern().Match(resource[ResourcePrefix.Length..]);
            if (!match.Success)
                throw new InvalidOperationException($"Embedded migration '{resource}' is not named NNNN_name.sql.");
            migrations.Add(Create(
                int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                ReadResource(assembly, resource)));
        }
        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Two embedded migrations share version {duplicate.Key}.");
        return [.. migrations.OrderBy(m => m.Version)];
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex FileNamePattern();
}
