using System.Globalization;
using System.Net;

namespace HsActors.LoadBench;

/// <summary>Command-line settings, each bounded so one run cannot turn into an open-ended load generator.</summary>
internal sealed record LoadBenchOptions
{
    public Uri Url { get; init; } = new("http://127.0.0.1:5080");
    public string Key { get; init; } = "dev-hub-key";
    public int BatchLines { get; init; } = 5_000;
    public int Batches { get; init; } = 40;
    public int BatchConcurrency { get; init; } = 2;
    public int WarmupBatches { get; init; } = 20;
    public bool Explain { get; init; }
    public int Top { get; init; } = 5;
    public int Rate { get; init; } = 1_000;
    public int Seconds { get; init; } = 20;
    public int WarmupSeconds { get; init; } = 10;
    public string? Mode { get; init; }
    public int BackgroundBatches { get; init; }
    public string? Listings { get; init; }
    public bool Declared { get; init; }
    public int Importers { get; init; }

    public const string Usage = """
        HsActors load benchmark against a silo on this machine.
          --url URL               silo base URL, loopback only (default http://127.0.0.1:5080)
          --key KEY               API key with the hub or admin role (default dev-hub-key)
          --batch-lines N         lines per batch request, 1..10000 (default 5000)
          --batches N             timed batch requests, 0..500 (default 40; 0 skips the batch phase)
          --batch-concurrency N   batch requests in flight, 1..8 (default 2)
          --warmup-batches N      unmeasured batches first, 1..200 (default 20: the silo's JIT tiering takes about that
                                  many 5,000-line batches to settle; fewer measure some compilation too)
          --explain true|false    ask for explanations in batches (default false)
          --top N                 recommendations per line, 1..20 (default 5)
          --rate N                single-line requests per second, 0..5000 (default 1000; 0 skips the phase)
          --seconds N             duration of the fixed-rate phase, 1..120 (default 20)
          --warmup-seconds N      unmeasured run of the same schedule before it, 0..120 (default 10)
          --mode fast|cascade|full  the mode every line asks for (default: none, the silo's own)
          --background-batches N  maximum batches (10,000 lines of about 2,000 characters) kept in flight during the
                                  measured single-line run, 0..8 (default 0); prints the silo's memory before, at the
                                  end of the run and 30 s later
          --listings FILE         the single-line phase sends these marketplace listings (JSON lines with title,
                                  category, attributes: hs evaluate's format) in turn instead of synthetic declarations;
                                  start the silo with --HsActors:Semantic:CacheCapacity 1 so that no line is answered
                                  from the cache of encoded lines
          --declared true|false   single lines carry their own label as the declared code (default false), so each
                                  request also records that code's statistics (DeclaredCodeGrain, a state write)
          --importers N           single lines carry one of N importer ids in turn, 0..100000 (default 0: none), so
                                  each request also records that importer's statistics (a state write) and answers
                                  with them
        """;

    public static LoadBenchOptions Parse(string[] args)
    {
        var options = new LoadBenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{name} needs a value.");
            }
            var value = args[++i];
            options = name switch
            {
                "--url" => options with { Url = new Uri(value, UriKind.Absolute) },
                "--key" => options with { Key = value },
                "--batch-lines" => options with { BatchLines = Int(name, value, 1, 10_000) },
                "--batches" => options with { Batches = Int(name, value, 0, 500) },
                "--batch-concurrency" => options with { BatchConcurrency = Int(name, value, 1, 8) },
                "--warmup-batches" => options with { WarmupBatches = Int(name, value, 1, 200) },
                "--explain" => options with { Explain = bool.Parse(value) },
                "--top" => options with { Top = Int(name, value, 1, 20) },
                "--rate" => options with { Rate = Int(name, value, 0, 5_000) },
                "--seconds" => options with { Seconds = Int(name, value, 1, 120) },
                "--warmup-seconds" => options with { WarmupSeconds = Int(name, value, 0, 120) },
                "--mode" => options with { Mode = value is "fast" or "cascade" or "full" ? value : throw new ArgumentException($"--mode must be fast, cascade or full; got '{value}'.") },
                "--background-batches" => options with { BackgroundBatches = Int(name, value, 0, 8) },
                "--listings" => options with { Listings = File.Exists(value) ? value : throw new ArgumentException($"--listings: no file {value}.") },
                "--declared" => options with { Declared = bool.Parse(value) },
                "--importers" => options with { Importers = Int(name, value, 0, 100_000) },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }
        if (!IsLoopback(options.Url))
        {
            throw new ArgumentException($"{options.Url} is not a loopback address; this benchmark only loads a silo on this machine.");
        }
        return options;
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static int Int(string name, string value, int min, int max)
    {
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
        {
            throw new ArgumentException($"{name} must be an integer from {min} to {max}; got '{value}'.");
        }
        return n;
    }
}
