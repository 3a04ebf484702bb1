using System.Security.Cryptography;
using System.Text;
using HsActors.Abstractions.Blobs;
using Orleans.Serialization;
using Orleans.Storage;

namespace HsActors.Storage.FileSystem;

/// <summary>
/// Orleans grain state on local disk, for the embedded single silo: each grain's state is one blob of the
/// <see cref="FileSystemBlobStore"/> (written to a temporary file, fsync'ed and renamed, so it survives kill -9 whole or
/// not at all) in Orleans' own version-tolerant binary format. The blob's ETag is the state's ETag: a write whose ETag
/// is stale fails with <see cref="InconsistentStateException"/>, as Orleans' shipped providers do. Orleans ships no
/// durable provider for local disk (its memory provider loses everything on restart).
/// </summary>
public sealed class FileSystemGrainStorage(FileSystemBlobStore store, Serializer serializer) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var blob = await store.GetAsync(BlobName(stateName, grainId)).ConfigureAwait(false);
        if (blob is null)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }
        grainState.State = serializer.Deserialize<T>(blob.Content);
        grainState.ETag = blob.ETag.Value;
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var bytes = serializer.SerializeToArray(grainState.State);
        var condition = grainState.ETag is { } etag ? BlobCondition.IfMatch(new BlobETag(etag)) : BlobCondition.IfNoneMatchAny;
        try
        {
            var written = await store.PutAsync(BlobName(stateName, grainId), bytes, condition).ConfigureAwait(false);
            grainState.ETag = written.Value;
            grainState.RecordExists = true;
        }
        catch (BlobConditionFailedException e)
        {
            throw new InconsistentStateException($"The stored state of {grainId} ({stateName}) changed since it was read.", grainState.ETag, null, e);
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var condition = grainState.ETag is { } etag ? BlobCondition.IfMatch(new BlobETag(etag)) : BlobCondition.None;
        try
        {
            await store.DeleteAsync(BlobName(stateName, grainId), condition).ConfigureAwait(false);
        }
        catch (BlobConditionFailedException e)
        {
            throw new InconsistentStateException($"The stored state of {grainId} ({stateName}) changed since it was read.", grainState.ETag, null, e);
        }
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <summary>Grain keys are free text (an importer id may hold '/' or spaces): the name is a hash of the grain id.</summary>
    private static string BlobName(string stateName, GrainId grainId) =>
        $"grains/{stateName}/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(grainId.ToString())))}";
}
