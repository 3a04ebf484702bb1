using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace HsActors.Corpus;

/// <summary>Streams declaration rows from JSON lines (one object per line) or from a JSON array of objects.</summary>
internal static class JsonDeclarationReader
{
    private const int BufferSize = 1 << 16;
    private const int MaxMessageLength = 120;

    public static async IAsyncEnumerable<LabeledDescription> ReadLinesAsync(Stream stream, ImportReport report,
        ByteProgress progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, BufferSize, leaveOpen: true);
        long line = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            line++;
            progress.Tick();
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            if (Parse(text) is { } row)
            {
                report.Accepted++;
                yield return row;
            }
        }
        progress.Finish();

        LabeledDescription? Parse(string text)
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                return Build(document.RootElement, line, report);
            }
            catch (JsonException exception)
            {
                report.Reject(line, $"broken JSON: {Shorten(exception.Message)}");
                return null;
            }
        }
    }

    /// <summary>A JSON array has no useful line numbers: errors name the 1-based element number instead.</summary>
    public static async IAsyncEnumerable<LabeledDescription> ReadArrayAsync(Stream stream, ImportReport report,
        ByteProgress progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var elements = JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream, cancellationToken: cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        try
        {
            long number = 0;
            while (true)
            {
                string? broken = null;
                bool more;
                try
                {
                    more = await elements.MoveNextAsync().ConfigureAwait(false);
                }
                catch (JsonException exception)
                {
                    broken = exception.Message;
                    more = false;
                }
                if (broken is not null)
                {
                    // The parser cannot resynchronise inside an array: the rest of the file is lost, and says so.
                    report.Reject(number + 1, $"broken JSON, rest of the array unreadable: {Shorten(broken)}");
                    break;
                }
                if (!more)
                {
                    break;
                }
                number++;
                progress.Tick();
                if (Build(elements.Current, number, report) is { } row)
                {
                    report.Accepted++;
                    yield return row;
                }
            }
        }
        finally
        {
            await elements.DisposeAsync().ConfigureAwait(false);
        }
        progress.Finish();
    }

    private static LabeledDescription? Build(JsonElement element, long line, ImportReport report)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            report.Reject(line, $"expected a JSON object, found {element.ValueKind}");
            return null;
        }
        var fields = new DeclarationFields();
        try
        {
            foreach (var property in element.EnumerateObject())
            {
                if (!DeclarationFieldNames.TryMatch(property.Name, out var field))
                {
                    continue;
                }
                var value = property.Value;
                switch (value.ValueKind)
                {
                    case JsonValueKind.String:
                        fields.Set(field, value.GetString());
                        break;
                    case JsonValueKind.Number:
                        fields.Set(field, value.GetRawText());
                        break;
                    case JsonValueKind.True or JsonValueKind.False:
                        fields.Set(field, value.ValueKind == JsonValueKind.True ? "true" : "false");
                        break;
                    case JsonValueKind.Null:
                        break;
                    default:
                        report.Reject(line, $"property '{property.Name}' is a JSON {value.ValueKind}, expected a string");
                        return null;
                }
            }
        }
        catch (InvalidOperationException)
        {
            // JSON can escape half of a surrogate pair ("\ud800"); such a name or string is no text at all.
            report.Reject(line, "a property name or string holds an escaped lone surrogate (such as \\ud800), which is not text");
            return null;
        }
        if (fields.TryBuild(out var reason) is { } row)
        {
            return row;
        }
        report.Reject(line, reason);
        return null;
    }

    private static string Shorten(string message) =>
        message.Length <= MaxMessageLength ? message : message[..MaxMessageLength] + "...";
}
