namespace HsActors.Corpus;

/// <summary>Values of <see cref="LabeledDescription.Source"/>.</summary>
public static class DescriptionSources
{
    /// <summary>A WCO HS2022 subheading label.</summary>
    public const string Wco = "wco";
    /// <summary>A BTKI 2022 line, English text (also BTKI-only subheadings of the national chapters).</summary>
    public const string BtkiEnglish = "btki-en";
    /// <summary>A BTKI 2022 line, Indonesian text.</summary>
    public const string BtkiIndonesian = "btki-id";
    /// <summary>An HMRC reference goods description (UK code cut to HS6 or HS4).</summary>
    public const string Hmrc = "hmrc";
    /// <summary>A customer's historical declaration read by <see cref="DeclarationImporter"/>.</summary>
    public const string Declaration = "declaration";
    /// <summary>A line made up by <see cref="SyntheticDeclarationGenerator"/> (scale and speed tests only).</summary>
    public const string Synthetic = "synthetic";

    /// <summary>True for the nomenclature's own labels, as opposed to descriptions of real goods.</summary>
    public static bool IsNomenclature(string source) => source is Wco or BtkiEnglish or BtkiIndonesian;
}
