using HsActors.Contracts;

namespace HsActors.Client;

/// <summary>One caller's line waiting in the micro-batcher, completed exactly once: result, exception or cancellation.</summary>
internal sealed class PendingClassification
{
    private readonly TaskCompletionSource<ClassifyResponse> _completion =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly CancellationToken _cancellationToken;
    private readonly CancellationTokenRegistration _cancellation;

    public PendingClassification(ClassifyRequest request, CancellationToken cancellationToken)
    {
        Request = request;
        _cancellationToken = cancellationToken;
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.Register(
                static state =>
                {
                    var pending = (PendingClassification)state!;
                    pending._completion.TrySetCanceled(pending._cancellationToken);
                },
                this);
        }
    }

    public ClassifyRequest Request { get; }

    public Task<ClassifyResponse> Task => _completion.Task;

    /// <summary>True once the caller has its answer or gave up; such a line is not sent (again).</summary>
    public bool IsCompleted => _completion.Task.IsCompleted;

    public void Succeed(ClassifyResponse response)
    {
        _completion.TrySetResult(response);
        _cancellation.Dispose();
    }

    public void Fail(Exception exception)
    {
        _completion.TrySetException(exception);
        _cancellation.Dispose();
    }
}
