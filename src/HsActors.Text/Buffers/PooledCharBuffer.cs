using System.Buffers;

namespace HsActors.Text.Buffers;

/// <summary>
/// A growable character buffer rented from the shared pool, so that a step allocates only its result string.
/// Must be disposed (returns the array to the pool) and never copied.
/// </summary>
internal ref struct PooledCharBuffer
{
    private char[] _array;
    private int _length;

    public PooledCharBuffer(int capacity)
    {
        _array = ArrayPool<char>.Shared.Rent(Math.Max(capacity, 16));
        _length = 0;
    }

    public readonly int Length => _length;

    public readonly ReadOnlySpan<char> Written => _array.AsSpan(0, _length);

    public void Append(char c)
    {
        if (_length == _array.Length)
            Grow(1);
        _array[_length++] = c;
    }

    public void Append(scoped ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _array.Length)
            Grow(text.Length);
        text.CopyTo(_array.AsSpan(_length));
        _length += text.Length;
    }

    /// <summary>The written text, or <paramref name="original"/> itself when it is identical (saves the allocation).</summary>
    public readonly string ToString(string original) =>
        Written.SequenceEqual(original) ? original : new string(Written);

    public override readonly string ToString() => new(Written);

    public void Dispose()
    {
        var array = _array;
        _array = [];
        _length = 0;
        if (array.Length > 0)
            ArrayPool<char>.Shared.Return(array);
    }

    private void Grow(int additional)
    {
        var larger = ArrayPool<char>.Shared.Rent(Math.Max(_array.Length * 2, _length + additional));
        _array.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<char>.Shared.Return(_array);
        _array = larger;
    }
}
