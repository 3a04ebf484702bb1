using System.Net.Http.Headers;
using HsActors.Storage.AzureBlob;

namespace HsActors.Storage.Tests;

/// <summary>
/// Vectors derived by hand from the "Authorize with Shared Key" rules (Blob service, 2009-09-19+ format); the
/// expected signatures were computed independently with `openssl dgst -sha256 -mac HMAC` over the same text.
/// The Azurite contract tests prove the same signer is accepted by a real server.
/// </summary>
public sealed class SharedKeyRequestSignerTests
{
    private const string Date = "Mon, 23 Nov 2026 09:00:00 GMT";
    private readonly SharedKeyRequestSigner _signer = new(AzureStorageConnectionString.DevelopmentAccountName, AzureStorageConnectionString.DevelopmentAccountKey);

    [Fact]
    public void Put_blob_string_to_sign_has_the_standard_lines_sorted_ms_headers_and_encoded_path()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "http://127.0.0.1:10000/devstoreaccount1/hsactors/models/chapter%2084/v1")
        {
            Content = new ByteArrayContent("hello"u8.ToArray()),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Content.Headers.ContentMD5 = Convert.FromBase64String("XUFAKrxLKna5cZ2REBfFkg=="); // MD5("hello")
        request.Headers.TryAddWithoutValidation("x-ms-version", "2021-08-06");
        request.Headers.TryAddWithoutValidation("x-ms-meta-sha256", "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        request.Headers.TryAddWithoutValidation("x-ms-date", Date);
        request.Headers.TryAddWithoutValidation("X-MS-Blob-Type", "BlockBlob");
        request.Headers.TryAddWithoutValidation("If-Match", "\"0x8DD0000000000001\"");

        var expected =
            "PUT\n" +
            "\n" +                                  // Content-Encoding
            "\n" +                                  // Content-Language
            "5\n" +                                 // Content-Length
            "XUFAKrxLKna5cZ2REBfFkg==\n" +          // Content-MD5
            "application/octet-stream\n" +          // Content-Type
            "\n" +                                  // Date (x-ms-date is used instead)
            "\n" +                                  // If-Modified-Since
            "\"0x8DD0000000000001\"\n" +            // If-Match
            "\n" +                                  // If-None-Match
            "\n" +                                  // If-Unmodified-Since
            "\n" +                                  // Range
            "x-ms-blob-type:BlockBlob\n" +
            "x-ms-date:" + Date + "\n" +
            "x-ms-meta-sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824\n" +
            "x-ms-version:2021-08-06\n" +
            "/devstoreaccount1/devstoreaccount1/hsactors/models/chapter%2084/v1";

        Assert.Equal(expected, _signer.BuildStringToSign(request));
        _signer.Sign(request);
        Assert.Equal("SharedKey devstoreaccount1:c6m48ecyMUGAwF2YYTii4otvBeO2uKh6+YdzU8YSNO4=", request.Headers.NonValidated["Authorization"].ToString());
    }

    [Fact]
    public void List_blobs_query_parameters_are_decoded_lower_cased_and_sorted()
    {
        using var request = new HttpRequestMessage(
            HttpMethod.Get,
            "http://127.0.0.1:10000/devstoreaccount1/hsactors?restype=container&comp=list&include=metadata&prefix=models%2F84%2F&marker=2%2196%21MDAwMDI%3D&MaxResults=2");
        request.Headers.TryAddWithoutValidation("x-ms-date", Date);
        request.Headers.TryAddWithoutValidation("x-ms-version", "2021-08-06");

        var expected =
            "GET\n\n\n\n\n\n\n\n\n\n\n\n" +            // no body: Content-Length and every other standard line is empty
            "x-ms-date:" + Date + "\n" +
            "x-ms-version:2021-08-06\n" +
            "/devstoreaccount1/devstoreaccount1/hsactors\n" +
            "comp:list\n" +
            "include:metadata\n" +
            "marker:2!96!MDAwMDI=\n" +
            "maxresults:2\n" +
            "prefix:models/84/\n" +
            "restype:container";

        Assert.Equal(expected, _signer.BuildStringToSign(request));
        _signer.Sign(request);
        Assert.Equal("SharedKey devstoreaccount1:yP8njkHLKKh4VoF+k0YjloXub7gLXNamjYrtSBl0xsU=", request.Headers.NonValidated["Authorization"].ToString());
    }

    [Fact]
    public void Zero_content_length_signs_as_an_empty_line()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "http://127.0.0.1:10000/devstoreaccount1/hsactors?restype=container")
        {
            Content = new ByteArrayContent([]),
        };
        request.Headers.TryAddWithoutValidation("x-ms-date", Date);

        var lines = _signer.BuildStringToSign(request).Split('\n');

        Assert.Equal("PUT", lines[0]);
        Assert.Equal(string.Empty, lines[3]);
        Assert.Equal("/devstoreaccount1/devstoreaccount1/hsactors", lines[^2]);
        Assert.Equal("restype:container", lines[^1]);
    }

    [Fact]
    public void A_key_that_is_not_base64_is_rejected()
    {
        var failure = Assert.Throws<ArgumentException>(() => new SharedKeyRequestSigner("acct", "not*base64"));
        Assert.Contains("base64", failure.Message);
    }
}
