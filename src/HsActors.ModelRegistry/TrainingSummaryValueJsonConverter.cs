using System.Text.Json;
using System.Text.Json.Serialization;
using HsActors.Abstractions.Models;

namespace HsActors.ModelRegistry;

/// <summary>A summary value is a plain JSON string or number, so manifests stay readable by any tool.</summary>
internal sealed class TrainingSummaryValueJsonConverter : JsonConverter<TrainingSummaryValue>
{
    public override TrainingSummaryValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => TrainingSummaryValue.Of(reader.GetString()!),
        JsonTokenType.Number => TrainingSummaryValue.Of(reader.GetDouble()),
        _ => throw new JsonException($"A training summary value must be a string or a number, not {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, TrainingSummaryValue value, JsonSerializerOptions options)
    {
        if (value.Text is { } text)
        {
            writer.WriteStringValue(text);
        }
        else if (value.Number is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            throw new JsonException("An empty training summary value cannot be written.");
        }
    }
}
