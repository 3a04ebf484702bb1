using Microsoft.Extensions.Options;

namespace HsActors.Client;

/// <summary>Makes bad options fail on first use with every problem named, rather than deep inside a request.</summary>
internal sealed class HsActorsClientOptionsValidator : IValidateOptions<HsActorsClientOptions>
{
    public ValidateOptionsResult Validate(string? name, HsActorsClientOptions options)
    {
        var failures = options.Validate();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
