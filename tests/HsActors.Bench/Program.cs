using HsActors.Bench;

// Benchmarks print figures; they never pass or fail. Run: dotnet run --project tests/HsActors.Bench -c Release -- <name>
var name = args.FirstOrDefault() ?? "";
var options = BenchOptions.Parse(args.Skip(1).ToArray());
return name switch
{
    "classify" => ClassifyBenchmark.Run(options),
    "train" => TrainBenchmark.Run(options),
    "liblinear" => LiblinearBenchmark.Run(options),
    "retrain" => RetrainBenchmark.Run(options, args),
    "importer-history" => ImporterHistoryBenchmark.Run(options),
    "declared-check" => DeclaredCheckBenchmark.Run(),
    "semantic" => SemanticBenchmark.Run(options),
    "semantic-tune" => SemanticTuneBenchmark.Run(options),
    "semantic-folds" => SemanticFoldsBenchmark.Run(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: hs-bench classify|train|liblinear|retrain|importer-history|declared-check|semantic|semantic-tune|semantic-folds [--model DIR] [--listings FILE] [--lines N] [--work DIR] [--chapter NN]");
    return 2;
}
