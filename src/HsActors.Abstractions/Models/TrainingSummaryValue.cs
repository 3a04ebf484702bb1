using System.Globalization;

namespace HsActors.Abstractions.Models;

/// <summary>One value of a training summary: either text ("source": "btki-2022") or a number ("rows": 412345). Serialised as a JSON string or number.</summary>
public readonly record struct TrainingSummaryValue
{
    private TrainingSummaryValue(string? text, double? number)
    {
        Text = text;
        Number = number;
    }

    public string? Text { get; }

    public double? Number { get; }

    /// <summary>False for <c>default(TrainingSummaryValue)</c>, which a manifest refuses.</summary>
    public bool HasValue => Text is not null || Number is not null;

    public static TrainingSummaryValue Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new TrainingSummaryValue(text, null);
    }

    public static TrainingSummaryValue Of(double number) => new(null, number);

    public static implicit operator TrainingSummaryValue(string text) => Of(text);

    public static implicit operator TrainingSummaryValue(double number) => Of(number);

    public static implicit operator TrainingSummaryValue(long number) => Of(number);

    public static implicit operator TrainingSummaryValue(int number) => Of(number);

    public override string ToString() => Text ?? Number?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty;
}
