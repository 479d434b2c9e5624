namespace TreatyBot.Knowledge.Matching;

/// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.</summary>
internal static class EditDistance
{
    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> are at most one edit apart; a quick check without the full table.</summary>
    public static bool IsWithinOne(string a, string b)
    {
        if (a.Length < b.Length)
        {
            (a, b) = (b, a);
        }

        if (a.Length - b.Length > 1)
        {
            return false;
        }

        var at = a.AsSpan().CommonPrefixLength(b);
        if (at >= b.Length)
        {
            return true;
        }

        if (a.Length != b.Length)
        {
            // One letter too many in the longer word, at the first difference.
            return a.AsSpan(at + 1).SequenceEqual(b.AsSpan(at));
        }

        // A wrong letter, or two neighbours swapped.
        return a.AsSpan(at + 1).SequenceEqual(b.AsSpan(at + 1))
            || (at + 1 < a.Length && a[at] == b[at + 1] && a[at + 1] == b[at] && a.AsSpan(at + 2).SequenceEqual(b.AsSpan(at + 2)));
    }

    /// <summary>The distance between <paramref name="a"/> and <paramref name="b"/>, or <paramref name="limit"/> when it is at least that.</summary>
    public static int Bounded(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) >= limit)
        {
            return limit;
        }

        // Three rows of the dynamic programme: two back (for swaps), one back, current.
        Span<int> rows = stackalloc int[3 * (b.Length + 1)];
        var previous2 = rows[..(b.Length + 1)];
        var previous = rows.Slice(b.Length + 1, b.Length + 1);
        var current = rows[(2 * (b.Length + 1))..];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMinimum = Math.Min(rowMinimum, value);
            }

            if (rowMinimum >= limit)
            {
                return limit;
            }

            var recycled = previous2;
            previous2 = previous;
            previous = current;
            current = recycled;
        }

        return Math.Min(previous[b.Length], limit);
    }
}
