namespace HsActors.Storage.Tests;

internal static class TestBytes
{
    /// <summary>Random content: unique per call, so a test can tell every written version apart (and find it on disk).</summary>
    public static byte[] Random(int length)
    {
        var bytes = new byte[length];
        System.Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
