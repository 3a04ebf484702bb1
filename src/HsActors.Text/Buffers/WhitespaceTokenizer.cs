namespace HsActors.Text.Buffers;

/// <summary>Enumerates the maximal runs of non-whitespace characters of a text without allocating.</summary>
internal ref struct WhitespaceTokenizer
{
    private readonly ReadOnlySpan<char> _text;
    private int _position;

    public WhitespaceTokenizer(ReadOnlySpan<char> text)
    {
        _text = text;
        _position = 0;
        Start = 0;
        Current = default;
    }

    /// <summary>Index of <see cref="Current"/> in the text.</summary>
    public int Start { get; private set; }

    public ReadOnlySpan<char> Current { get; private set; }

    public bool MoveNext()
    {
        var i = _position;
        while (i < _text.Length && char.IsWhiteSpace(_text[i]))
            i++;
        if (i == _text.Length)
        {
            _position = i;
            return false;
        }

        var start = i;
        while (i < _text.Length && !char.IsWhiteSpace(_text[i]))
            i++;
        Start = start;
        Current = _text[start..i];
        _position = i;
        return true;
    }
}
