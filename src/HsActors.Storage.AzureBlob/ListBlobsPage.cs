using System.Globalization;
using System.Xml.Linq;
using HsActors.Abstractions.Blobs;

namespace HsActors.Storage.AzureBlob;

/// <summary>One page of a List Blobs response: the blobs and the marker of the next page (<c>null</c> on the last).</summary>
internal sealed record ListBlobsPage(IReadOnlyList<BlobProperties> Blobs, string? NextMarker)
{
    public static async Task<ListBlobsPage> ParseAsync(Stream xml, string metadataHashKey, CancellationToken cancellationToken)
    {
        var document = await XDocument.LoadAsync(xml, LoadOptions.None, cancellationToken).ConfigureAwait(false);
        var root = document.Root ?? throw new FormatException("List Blobs response has no root element.");
        var blobs = new List<BlobProperties>();
        foreach (var blob in root.Element("Blobs")?.Elements("Blob") ?? [])
        {
            var name = Required(blob, "Name");
            var properties = blob.Element("Properties") ?? throw new FormatException($"List Blobs entry '{name}' has no Properties.");
            blobs.Add(new BlobProperties(
                name,
                long.Parse(Required(properties, "Content-Length"), CultureInfo.InvariantCulture),
                new BlobETag(Required(properties, "Etag")),
                DateTimeOffset.Parse(Required(properties, "Last-Modified"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                blob.Element("Metadata")?.Element(metadataHashKey)?.Value));
        }

        var nextMarker = root.Element("NextMarker")?.Value;
        return new ListBlobsPage(blobs, string.IsNullOrEmpty(nextMarker) ? null : nextMarker);
    }

    private static string Required(XElement parent, string element) =>
        parent.Element(element)?.Value ?? throw new FormatException($"List Blobs response lacks <{element}> in <{parent.Name}>.");
}
