namespace HsActors.Bench;

public sealed record BenchOptions(string ModelDirectory, int Lines, string WorkDirectory)
{
    public static BenchOptions Parse(string[] args)
    {
        string Value(string flag, string fallback)
        {
            var i = Array.IndexOf(args, flag);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var work = Value("--work", Path.Combine(Path.GetTempPath(), "hs-bench"));
        return new BenchOptions(Value("--model", Path.Combine(work, "model")), int.Parse(Value("--lines", "20000")), work);
    }
}
