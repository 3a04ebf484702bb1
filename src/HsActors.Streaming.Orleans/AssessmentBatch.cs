using HsActors.Abstractions.Streaming;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;

namespace HsActors.Streaming.Orleans;

/// <summary>
/// One log entry on its way from the queue to the consumer grain. The record travels in the log's own JSON encoding,
/// so the stored form and the delivered form are one codec; the sequence number is the log offset.
/// </summary>
[GenerateSerializer, Alias("hsactors.assessment-batch")]
public sealed class AssessmentBatch : IBatchContainer
{
    [Id(0)]
    public required StreamId StreamId { get; init; }

    [Id(1)]
    public required long Offset { get; init; }

    [Id(2)]
    public required byte[] Record { get; init; }

    public StreamSequenceToken SequenceToken => new EventSequenceTokenV2(Offset);

    public static AssessmentBatch Of(StreamId streamId, StreamEntry entry) =>
        new() { StreamId = streamId, Offset = entry.Offset, Record = AssessmentRecordCodec.Encode(entry.Record) };

    public StreamEntry Entry() => new(Offset, AssessmentRecordCodec.Decode(Record));

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() =>
        Entry() is T entry ? [Tuple.Create(entry, SequenceToken)] : [];

    public bool ImportRequestContext() => false;
}
