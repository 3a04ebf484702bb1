using HsActors.Silo.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HsActors.Silo.Tests;

/// <summary>
/// A request's path is the caller's text (Kestrel decodes %1B to ESC, %E2%80%AE to a right-to-left override) and the
/// exception handler logs it: escaped, so a path cannot clear an operator's terminal or forge a log line.
/// </summary>
public sealed class LoggedRequestTextTests
{
    [Fact]
    public async Task An_unhandled_exception_logs_the_path_escaped()
    {
        var logger = new RecordingLogger<ApiExceptionHandler>();
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = "/v1/importers/\u001b[2J\u202Eexe.gpj\r\nINFO forged/stats";
        context.Response.Body = new MemoryStream();

        await new ApiExceptionHandler(logger).TryHandleAsync(context, new InvalidOperationException("boom"), CancellationToken.None);

        var logged = Assert.Single(logger.Messages);
        Assert.DoesNotContain(logged, c => char.IsControl(c) || c == '\u202E');
        Assert.Contains("\\u001B[2J\\u202Eexe.gpj\\u000D\\u000AINFO forged", logged, StringComparison.Ordinal);
    }

    private sealed class RecordingLogger<T> : ILogger<T>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
