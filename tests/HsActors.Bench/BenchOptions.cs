namespace HsActors.Bench;

/// <param name="Listings">Marketplace listings (JSON lines, <c>hs evaluate --data</c>'s format) whose lines the semantic bench times instead of HMRC references.</param>
public sealed record BenchOptions(string ModelDirectory, int Lines, string WorkDirectory, string? Listings = null)
{
    public static BenchOptions Parse(string[] args)
    {
        string Value(string flag, string fallback)
        {
            var i = Array.IndexOf(args, flag);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var work = Value("--work", Path.Combine(Path.GetTempPath(), "hs-bench"));
        var listings = Value("--listings", "");
        return new BenchOptions(Value("--model", Path.Combine(work, "model")), int.Parse(Value("--lines", "20000")), work, listings.Length > 0 ? listings : null);
    }
}
