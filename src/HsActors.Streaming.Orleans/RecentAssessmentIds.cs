namespace HsActors.Streaming.Orleans;

/// <summary>The assessment ids of the last <c>capacity</c> entries read, to recognise a second copy of one.</summary>
public sealed class RecentAssessmentIds(int capacity)
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <returns>False when the id is already in the window.</returns>
    public bool Add(string assessmentId)
    {
        if (!_ids.Add(assessmentId))
        {
            return false;
        }
        _order.Enqueue(assessmentId);
        // At least the entry being handled now stays in the window.
        while (_order.Count > Math.Max(1, capacity))
        {
            _ids.Remove(_order.Dequeue());
        }
        return true;
    }
}
