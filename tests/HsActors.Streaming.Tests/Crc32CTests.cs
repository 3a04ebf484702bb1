using System.Text;
using HsActors.Streaming.LocalLog;

namespace HsActors.Streaming.Tests;

public sealed class Crc32CTests
{
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xC1D04330u)]
    [InlineData("123456789", 0xE3069283u)]                       // the CRC-32C check value
    [InlineData("The quick brown fox jumps over the lazy dog", 0x22620404u)]
    public void Matches_the_published_CRC32C_values(string text, uint expected) =>
        Assert.Equal(expected, Crc32C.Compute(Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void Thirty_two_zero_bytes_match_the_iSCSI_test_vector() =>
        Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));
}
