using HsActors.Abstractions.Blobs;
using HsActors.ModelRegistry;

namespace HsActors.Grains.Models;

/// <summary>
/// Everything one chapter serves at one pointer revision, swapped as a whole: a line picks its version from one
/// snapshot, so it never mixes versions, and a swap never fails a line in flight.
/// </summary>
public sealed record ChapterServing(ServedVersion? Active, ServedVersion? Canary, int CanaryPercent, ServedVersion? Shadow, BlobETag? ETag, long Revision, DateTimeOffset LoadedAt)
{
    public static ChapterServing None(DateTimeOffset at) => new(null, null, 0, null, null, 0, at);

    /// <summary>The version that answers this request key: the canary for its stable share of keys, else the active one.</summary>
    public ServedVersion? Choose(string requestKey) =>
        Canary is not null && Active is not null && CanaryPercent > 0 && CanaryRouter.Bucket(requestKey) < CanaryPercent ? Canary : Active;

    /// <summary>The already loaded version of that name, if any (a canary that becomes active is not loaded twice).</summary>
    public ServedVersion? Find(string? name) =>
        name is null ? null
        : Active?.Name == name ? Active
        : Canary?.Name == name ? Canary
        : Shadow?.Name == name ? Shadow
        : null;
}
