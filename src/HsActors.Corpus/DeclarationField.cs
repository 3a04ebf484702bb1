namespace HsActors.Corpus;

/// <summary>The columns (CSV) or properties (JSON) a declaration file may carry.</summary>
internal enum DeclarationField
{
    Description,
    Code,
    ImporterId,
    AgentId,
    OriginCountry,
    DeclaredOn,
    Assessed,
}

/// <summary>
/// Matches CSV headers and JSON property names to fields, ignoring case, spaces, '_' and '-', so
/// "Goods Description", "goods_description" and "goodsDescription" are one name.
/// </summary>
internal static class DeclarationFieldNames
{
    private static readonly Dictionary<string, DeclarationField> byNormalizedName = new(StringComparer.Ordinal)
    {
        ["description"] = DeclarationField.Description,
        ["goodsdescription"] = DeclarationField.Description,
        ["uraianbarang"] = DeclarationField.Description,
        ["code"] = DeclarationField.Code,
        ["hscode"] = DeclarationField.Code,
        ["hs"] = DeclarationField.Code,
        ["commoditycode"] = DeclarationField.Code,
        ["importerid"] = DeclarationField.ImporterId,
        ["agentid"] = DeclarationField.AgentId,
        ["customsagent"] = DeclarationField.AgentId,
        ["origincountry"] = DeclarationField.OriginCountry,
        ["origin"] = DeclarationField.OriginCountry,
        ["declaredon"] = DeclarationField.DeclaredOn,
        ["date"] = DeclarationField.DeclaredOn,
        ["assessed"] = DeclarationField.Assessed,
        ["assessedbyofficer"] = DeclarationField.Assessed,
    };

    public static string Expected(DeclarationField field) =>
        string.Join(" | ", byNormalizedName.Where(p => p.Value == field).Select(p => p.Key));

    public static bool TryMatch(string name, out DeclarationField field)
    {
        Span<char> buffer = stackalloc char[Math.Min(name.Length, 64)];
        var length = 0;
        foreach (var c in name)
        {
            if (c is ' ' or '_' or '-' or '.' or '\uFEFF' || char.IsWhiteSpace(c))
            {
                continue;
            }
            if (length == buffer.Length)
            {
                field = default;
                return false;
            }
            buffer[length++] = char.ToLowerInvariant(c);
        }
        return byNormalizedName.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(buffer[..length], out field);
    }
}
