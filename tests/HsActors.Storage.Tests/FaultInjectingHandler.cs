namespace HsActors.Storage.Tests;

/// <summary>
/// Passes requests through to the real server, except for the next N, which get an injected fault instead
/// (a dropped connection or a 503). Counts every request the store sends.
/// </summary>
internal sealed class FaultInjectingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private int _requests;
    private int _faultsLeft;
    private Func<HttpRequestMessage, HttpResponseMessage> _fault = _ => throw new InvalidOperationException("no fault configured");

    public int Requests => Volatile.Read(ref _requests);

    public void InjectFaults(int count, Func<HttpRequestMessage, HttpResponseMessage> fault)
    {
        _fault = fault;
        Volatile.Write(ref _faultsLeft, count);
    }

    public void ResetCount() => Volatile.Write(ref _requests, 0);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        return Interlocked.Decrement(ref _faultsLeft) >= 0
            ? Task.FromResult(_fault(request))
            : base.SendAsync(request, cancellationToken);
    }
}
