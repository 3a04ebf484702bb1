using CsCheck;
using HsActors.Fuzzing;

namespace HsActors.Api.Fuzz.Tests.Generation;

/// <summary>Path segments, query strings and headers for an operation: valid ones by parameter name, and tricks.</summary>
public static class RequestParts
{
    private static readonly Dictionary<string, string[]> ValidSegments = new(StringComparer.Ordinal)
    {
        ["code"] = ["0901", "0901.21", "090121", "0901.21.00", "09012100", "0901210000", "4011", "6403", "64", "8714.10.90", "9999", "0000"],
        ["chapter"] = ["09", "40", "64", "router", "semantic", "01", "99", "00", "9"],
        ["id"] = ["IMP-1", "IMP-5", "IMP-12", "ACME", "PT Kopi/Jaya 02", "İthalatçı-ÄÖ"],
    };

    private static readonly string[] TrickSegments =
    [
        "..", ".", "%2e%2e", "%2E", "%2F", "..%2F..%2Fetc%2Fpasswd", "%00", "a%00b", "%", "%zz", "%25", "%252F", "%C0%AE%C0%AE", "%FF",
        "%1B%5B31m", "%E2%80%AE", "%F0%9F%98%80", "+", "~", "%20", "%09", "%0D%0AX-Injected:%201", ";", "%3B", "%3F", "%23",
    ];

    /// <summary>A path segment as sent: escaped, or a trick written as is (dot segments, encoded slashes, bad escapes).</summary>
    public static Gen<string> Segment(string parameter)
    {
        var valid = ValidSegments.TryGetValue(parameter, out var known) ? known : ["x"];
        return Gen.Frequency(
            (5, Gen.OneOf(valid).Select(Uri.EscapeDataString)),
            (3, HostileText.Any.Where(t => t.Length is > 0 and <= 600).Select(Uri.EscapeDataString)),
            (3, Gen.OneOf(TrickSegments)),
            (1, Gen.Int[1_000, 7_000].Select(length => new string('9', length))));
    }

    private static readonly Dictionary<string, string[]> ValidQueryValues = new(StringComparer.Ordinal)
    {
        ["kind"] = ["classification", "assessment", "modelPointer", "retraining", "Classification"],
        ["subject"] = ["09", "IMP-1", "as-1"],
        ["from"] = ["2020-01-01T00:00:00Z", "2024-06-01", "2025-01-31T09:30:00+07:00"],
        ["to"] = ["2030-01-01T00:00:00Z", "2026-12-31"],
        ["limit"] = ["1", "10", "100", "1000"],
        ["explain"] = ["true", "false", "True"],
    };

    private static readonly string[] OddQueryValues = ["", "a,b", "0", "1001", "-1", "1e3", "2147483648", "NaN", "1.5", "yes", "%00", "%FF", "%", "+"];

    /// <summary>A query string (with its '?', or empty) over the operation's query parameters, valid or not, repeated or unknown.</summary>
    public static Gen<string> Query(IReadOnlyList<string> parameters)
    {
        var names = parameters.Count == 0 ? ["explain", "limit"] : parameters.ToArray();
        var value = Gen.SelectMany(Gen.OneOf(names), name => Gen.Frequency(
            (5, Gen.OneOf(ValidQueryValues.TryGetValue(name, out var known) ? known : ["x"]).Select(Uri.EscapeDataString)),
            (3, Gen.OneOf(OddQueryValues)),
            (2, HostileText.Any.Where(t => t.Length <= 1_500).Select(Uri.EscapeDataString))).Select(v => $"{name}={v}"));
        var extra = Gen.OneOf("unknown=1", "=", "&&", "explain", "limit=1&limit=2", "kind=assessment&kind=retraining", "%00=%00");
        return Gen.Frequency(
            (parameters.Count == 0 ? 8 : 2, Gen.Const("")),
            (6, value.List[1, 4].Select(pairs => "?" + string.Join('&', pairs))),
            (2, Gen.Select(value.List[0, 2], extra, (pairs, odd) => "?" + string.Join('&', [.. pairs, odd]))));
    }

    /// <summary>If-Match as administrators send it, and as they should not: the pointer routes check it, the others ignore it.</summary>
    public static readonly Gen<string?> IfMatch = Gen.Frequency(
        (12, Gen.Const((string?)null)),
        (1, Gen.OneOf<string?>("*", "\"0\"", "\"abc\", \"def\"", "W/\"weak\"", "", "   ", "not-quoted", "\"\"", "\"" + new string('e', 4_000) + "\"", "\"\\u0000\"")));
}
