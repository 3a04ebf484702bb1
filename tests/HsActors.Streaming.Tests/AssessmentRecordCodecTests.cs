using System.Text;
using HsActors.Abstractions.Streaming;

namespace HsActors.Streaming.Tests;

public sealed class AssessmentRecordCodecTests
{
    [Fact]
    public void Encodes_camel_case_json_that_decodes_to_an_equal_record()
    {
        var record = Assessments.Make("a-1", 3);

        var json = AssessmentRecordCodec.Encode(record);

        Assert.Contains("\"assessmentId\":\"a-1\"", Encoding.UTF8.GetString(json));
        Assert.Contains("\"assessedCode\":\"90051000\"", Encoding.UTF8.GetString(json));
        Assert.Equal(record, AssessmentRecordCodec.Decode(json));
    }

    [Theory]
    [InlineData(nameof(AssessmentRecord.AssessmentId), "")]
    [InlineData(nameof(AssessmentRecord.AssessedCode), "8714.10.90")]
    [InlineData(nameof(AssessmentRecord.AssessedCode), "871")]
    [InlineData(nameof(AssessmentRecord.DeclaredCode), "87x41090")]
    [InlineData(nameof(AssessmentRecord.OfficerId), " ")]
    [InlineData(nameof(AssessmentRecord.Description), "")]
    public void Rejects_a_bad_field_naming_it(string field, string value)
    {
        var record = field switch
        {
            nameof(AssessmentRecord.AssessmentId) => Assessments.Make("x") with { AssessmentId = value },
            nameof(AssessmentRecord.AssessedCode) => Assessments.Make("x") with { AssessedCode = value },
            nameof(AssessmentRecord.DeclaredCode) => Assessments.Make("x") with { DeclaredCode = value },
            nameof(AssessmentRecord.OfficerId) => Assessments.Make("x") with { OfficerId = value },
            _ => Assessments.Make("x") with { Description = value },
        };

        var error = Assert.Throws<ArgumentException>(() => AssessmentRecordCodec.Encode(record));
        Assert.Equal(field, error.ParamName);
    }

    [Theory]
    [InlineData("{\"assessmentId\":\"a\"")]
    [InlineData("null")]
    [InlineData("{\"description\":\"x\",\"assessedCode\":\"87\",\"officerId\":\"o\"}")]
    public void Decoding_something_that_is_not_an_assessment_throws_InvalidDataException(string json) =>
        Assert.Throws<InvalidDataException>(() => AssessmentRecordCodec.Decode(Encoding.UTF8.GetBytes(json)));
}
