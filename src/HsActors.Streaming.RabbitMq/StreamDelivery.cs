using HsActors.Abstractions.Streaming;

namespace HsActors.Streaming.RabbitMq;

/// <summary>An entry as delivered by the broker, with the token of the append call that published it (if any), so
/// that an append can recognise its own message even when the same AssessmentId is in the stream already.</summary>
internal readonly record struct StreamDelivery(StreamEntry Entry, string? AppendToken)
{
    public const string AppendTokenHeader = "hsactors-append-token";
}
