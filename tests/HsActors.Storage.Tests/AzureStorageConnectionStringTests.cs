using HsActors.Storage.AzureBlob;

namespace HsActors.Storage.Tests;

public sealed class AzureStorageConnectionStringTests
{
    private const string Key = "a2V5a2V5MQ=="; // base64 of "keykey1", padding included

    [Fact]
    public void Development_storage_means_azurite_defaults()
    {
        var parsed = AzureStorageConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.Equal("devstoreaccount1", parsed.AccountName);
        Assert.Equal(AzureStorageConnectionString.DevelopmentAccountKey, parsed.AccountKey);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), parsed.BlobEndpoint);
    }

    [Fact]
    public void Development_storage_endpoint_can_be_moved_to_another_port()
    {
        var parsed = AzureStorageConnectionString.Parse("UseDevelopmentStorage=true;BlobEndpoint=http://127.0.0.1:41234/devstoreaccount1");

        Assert.Equal(new Uri("http://127.0.0.1:41234/devstoreaccount1"), parsed.BlobEndpoint);
        Assert.Equal("devstoreaccount1", parsed.AccountName);
    }

    [Fact]
    public void Account_connection_string_builds_the_public_endpoint_and_keeps_key_padding()
    {
        var parsed = AzureStorageConnectionString.Parse($"DefaultEndpointsProtocol=https; AccountName=hsmodels; AccountKey={Key};EndpointSuffix=core.chinacloudapi.cn");

        Assert.Equal("hsmodels", parsed.AccountName);
        Assert.Equal(Key, parsed.AccountKey);
        Assert.Equal(new Uri("https://hsmodels.blob.core.chinacloudapi.cn"), parsed.BlobEndpoint);
    }

    [Fact]
    public void Explicit_blob_endpoint_wins()
    {
        var parsed = AzureStorageConnectionString.Parse($"AccountName=acct;AccountKey={Key};BlobEndpoint=http://storage.internal:8080/acct");

        Assert.Equal(new Uri("http://storage.internal:8080/acct"), parsed.BlobEndpoint);
    }

    [Theory]
    [InlineData("AccountName=acct", "AccountKey")]
    [InlineData("AccountKey=a2V5", "AccountName")]
    [InlineData("AccountName=acct;AccountKey=***", "base64")]
    [InlineData("AccountName=acct;AccountKey=a2V5;BlobEndpoint=ftp://x", "BlobEndpoint")]
    [InlineData("AccountName=acct;AccountKey=a2V5;DefaultEndpointsProtocol=gopher", "DefaultEndpointsProtocol")]
    [InlineData("BlobEndpoint=https://x;SharedAccessSignature=sv=1", "SharedAccessSignature")]
    [InlineData("AccountName", "Key=Value")]
    public void Incomplete_or_bad_strings_name_what_is_wrong(string connectionString, string mentioned)
    {
        var failure = Assert.Throws<FormatException>(() => AzureStorageConnectionString.Parse(connectionString));
        Assert.Contains(mentioned, failure.Message);
    }

    [Fact]
    public void Printing_never_shows_the_key()
    {
        var parsed = AzureStorageConnectionString.Parse($"AccountName=acct;AccountKey={Key}");

        Assert.DoesNotContain(Key, parsed.ToString());
        Assert.Contains("acct", parsed.ToString());
    }
}
