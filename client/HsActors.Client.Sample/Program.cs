using System.CommandLine;
using HsActors.Client.Sample;

var url = new Option<Uri>("--url")
{
    Description = "The HsActors service root.",
    DefaultValueFactory = _ => new Uri("http://127.0.0.1:5080"),
    CustomParser = result =>
    {
        var text = result.Tokens.Single().Value;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        result.AddError($"--url must be an absolute http(s) URL, not '{text}'.");
        return null;
    },
};
var key = new Option<string?>("--key") { Description = $"The API key (default: the {FileClassification.ApiKeyVariable} environment variable)." };
var input = new Option<FileInfo>("--input") { Description = "A text file with one goods description per line.", Required = true };
var output = new Option<FileInfo?>("--output") { Description = "Where to write JSON lines of results (default: standard output)." };
var chunkSize = new Option<int>("--chunk-size")
{
    Description = "Lines per SDK batch call (the SDK splits further at the service's limit).",
    DefaultValueFactory = _ => 500,
};
chunkSize.Validators.Add(result =>
{
    if (result.GetValueOrDefault<int>() < 1)
    {
        result.AddError("--chunk-size must be 1 or more.");
    }
});

var root = new RootCommand("Classifies a file of goods descriptions with the HsActors service, writing JSON lines of ranked HS codes.")
{
    url, key, input, output, chunkSize,
};
root.SetAction((parse, cancellationToken) => FileClassification.RunAsync(
    new FileClassification.Settings(
        parse.GetValue(url)!,
        parse.GetValue(key) ?? Environment.GetEnvironmentVariable(FileClassification.ApiKeyVariable),
        parse.GetValue(input)!,
        parse.GetValue(output),
        parse.GetValue(chunkSize)),
    cancellationToken));

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // Every usage mistake exits with the same code as the checks in FileClassification.
    foreach (var error in parsed.Errors)
    {
        await Console.Error.WriteLineAsync("error: " + error.Message);
    }

    await Console.Error.WriteLineAsync("Run with --help for usage.");
    return FileClassification.ExitCode.BadArguments;
}

return await parsed.InvokeAsync();
