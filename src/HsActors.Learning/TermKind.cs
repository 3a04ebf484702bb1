namespace HsActors.Learning;

/// <summary>Which tokenisation produced an n-gram; word and character n-grams live in separate vocabularies.</summary>
public enum TermKind
{
    /// <summary>Word n-gram: 1..WordNGramMax consecutive tokens joined by single spaces.</summary>
    Word,

    /// <summary>Character n-gram in scikit-learn's char_wb style: taken inside one word padded with a space each side.</summary>
    Char,
}
