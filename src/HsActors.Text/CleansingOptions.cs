namespace HsActors.Text;

/// <summary>Switches for the cleansing steps of the paper's data preparation (Figure 2); every step can be turned off.</summary>
public sealed record CleansingOptions
{
    /// <summary>Folds accented letters to ASCII and drops other non-ASCII garbage: <c>PVC¿APRON</c> becomes <c>PVCAPRON</c>.</summary>
    public bool RemoveAccentedCharacters { get; init; } = true;

    /// <summary>Turns punctuation into word breaks: <c>BRASS BUSS KD: BAIK / BARU</c> becomes <c>BRASS BUSS KD BAIK BARU</c>.</summary>
    public bool RemovePunctuation { get; init; } = true;

    /// <summary>Removes digits and other non-letters: <c>TELESCOPE T EAGLE SR 2X28</c> becomes <c>TELESCOPE T EAGLE SR X</c>.</summary>
    public bool RemoveIrrelevantCharacters { get; init; } = true;

    /// <summary>Collapses whitespace runs to one space and trims the ends.</summary>
    public bool CollapseWhitespace { get; init; } = true;

    /// <summary>Expands trade abbreviations and contractions: <c>DIFF</c> becomes <c>DIFFERENT</c>.</summary>
    public bool ExpandAbbreviations { get; init; } = true;

    /// <summary>Lower-cases the text.</summary>
    public bool LowerCase { get; init; } = true;

    /// <summary>Reduces English inflections and Indonesian affixes: <c>CLUTCH DISCS</c> becomes <c>clutch disc</c>.</summary>
    public bool Stem { get; init; } = true;

    /// <summary>Removes English and Indonesian function words.</summary>
    public bool RemoveStopWords { get; init; } = true;

    /// <summary>Every step of the paper, in the paper's order.</summary>
    public static CleansingOptions Paper { get; } = new();
}
