namespace TreatyBot.Knowledge.Matching;

/// <summary>
/// Finds known phrases (as stem sequences) in a stemmed text, longest first and without overlap.
/// One table each for aliases, question words, refusals and small talk.
/// </summary>
internal sealed class PhraseTable<T>
{
    private readonly Dictionary<string, List<(string[] Stems, T Value)>> byFirstStem = new(StringComparer.Ordinal);

    public void Add(IReadOnlyList<string> stems, T value)
    {
        if (stems.Count == 0)
        {
            return;
        }

        if (!byFirstStem.TryGetValue(stems[0], out var list))
        {
            byFirstStem[stems[0]] = list = [];
        }

        list.Add(([.. stems], value));
        list.Sort((a, b) => b.Stems.Length.CompareTo(a.Stems.Length));
    }

    /// <summary>The phrase that starts at <paramref name="start"/>, if any (the longest).</summary>
    public bool TryMatchAt(IReadOnlyList<string> stems, int start, out int length, out T value)
    {
        if (byFirstStem.TryGetValue(stems[start], out var candidates))
        {
            foreach (var (phrase, found) in candidates)
            {
                if (StartsWith(stems, start, phrase))
                {
                    length = phrase.Length;
                    value = found;
                    return true;
                }
            }
        }

        length = 0;
        value = default!;
        return false;
    }

    private static bool StartsWith(IReadOnlyList<string> stems, int start, string[] phrase)
    {
        if (start + phrase.Length > stems.Count)
        {
            return false;
        }

        for (var i = 0; i < phrase.Length; i++)
        {
            if (!string.Equals(stems[start + i], phrase[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
