namespace TreatyBot.Knowledge.Matching;

/// <summary>
/// What the matcher knows of words: which stems it has seen, the nearest known word to a misspelt one, and the family
/// of a stem (stems sharing most of their beginning: установ, установлен; recognis, recognit).
/// </summary>
internal sealed class Vocabulary
{
    /// <summary>Words shorter than this are corrected only by a missing letter: too many short words are one edit apart.</summary>
    private const int MinCorrectedLength = 4;

    /// <summary>Stems shorter than this are not corrected as stems: short stems are too often one edit apart.</summary>
    private const int MinCorrectedStemLength = 7;

    /// <summary>An abbreviation has at least this many letters («назв.», «сев.»): «ст.» could be a dozen words.</summary>
    private const int MinAbbreviationLength = 3;

    /// <summary>The word an abbreviation stands for makes at least this share of the words it begins.</summary>
    private const double AbbreviationShare = 0.7;

    private const int MinFamilyPrefix = 5;
    private const double FamilyShare = 0.75;

    private readonly HashSet<string> known;
    private readonly string[] wordStems;
    private readonly Dictionary<char, Dictionary<int, (string Word, string Stem, int Count)[]>> byFirstLetter = [];
    private readonly Dictionary<char, string[]> stemsByFirstLetter;

    /// <param name="known">Every stem the matcher can use: index terms and lexicon phrases.</param>
    /// <param name="words">The words written in the fact base and the lexicon.</param>
    public Vocabulary(IEnumerable<string> known, WordList words)
    {
        this.known = known.ToHashSet(StringComparer.Ordinal);
        wordStems = [.. this.known.Where(IsWordStem).Order(StringComparer.Ordinal)];
        stemsByFirstLetter = wordStems.Where(s => s.Length >= MinCorrectedStemLength - 2).GroupBy(s => s[0]).ToDictionary(g => g.Key, g => g.ToArray());
        foreach (var group in words.All.GroupBy(w => w.Word[0]))
        {
            byFirstLetter[group.Key] = group.GroupBy(w => w.Word.Length).ToDictionary(g => g.Key, g => g.ToArray());
        }
    }

    public bool IsKnown(string stem) => known.Contains(stem);

    /// <summary>
    /// The stem of the known word nearest to <paramref name="word"/>: one edit away (two for words of eight letters or
    /// more), an edit being a missing, extra, wrong or swapped letter. Only words with the same first letter are
    /// compared; on a tie the more frequent word wins. Null when none is near enough.
    /// </summary>
    public string? Correct(string word)
    {
        if (word.Length < MinCorrectedLength - 1 || !byFirstLetter.TryGetValue(word[0], out var byLength))
        {
            return null;
        }

        // A word of three letters may only have lost one («whn» → when): anything else is too likely another word. So
        // may an English word of four: "cave" is one letter from "came", "bent" from "sent".
        var limit = word.Length >= 8 ? 2 : 1;
        var onlyLost = word.Length < MinCorrectedLength || (word.Length == MinCorrectedLength && Scripts.Of(word) == Script.Latin);
        var shortest = onlyLost ? word.Length + 1 : word.Length - limit;
        (string? Stem, int Distance, int Count) best = (null, limit + 1, 0);
        for (var length = shortest; length <= word.Length + limit; length++)
        {
            if (!byLength.TryGetValue(length, out var candidates))
            {
                continue;
            }

            foreach (var (candidate, stem, count) in candidates)
            {
                var distance = limit == 1
                    ? EditDistance.IsWithinOne(word, candidate) ? 1 : 2
                    : EditDistance.Bounded(word, candidate, best.Distance + 1);
                if (distance < best.Distance || (distance == best.Distance && count > best.Count))
                {
                    best = (stem, distance, count);
                }
            }
        }

        return best.Distance <= limit ? best.Stem : null;
    }

    /// <summary>
    /// The stem of the word an abbreviation most likely stands for («назв.»: название, «конв.»: конвенция): the known
    /// words that begin with <paramref name="prefix"/>, by stem, the stem written most often, if it is at least
    /// <see cref="AbbreviationShare"/> of them all. Null for a prefix shorter than <see cref="MinAbbreviationLength"/>
    /// letters or when no stem stands out.
    /// </summary>
    public string? Complete(string prefix)
    {
        if (prefix.Length < MinAbbreviationLength || !byFirstLetter.TryGetValue(prefix[0], out var byLength))
        {
            return null;
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        foreach (var (length, candidates) in byLength)
        {
            if (length <= prefix.Length)
            {
                continue;
            }

            foreach (var (candidate, stem, count) in candidates)
            {
                if (candidate.StartsWith(prefix, StringComparison.Ordinal) && known.Contains(stem))
                {
                    counts[stem] = counts.GetValueOrDefault(stem) + count;
                    total += count;
                }
            }
        }

        var best = counts.Count == 0 ? default : counts.MaxBy(c => c.Value);
        return best.Key is not null && best.Value >= AbbreviationShare * total ? best.Key : null;
    }

    /// <summary>
    /// The known stem nearest to <paramref name="stem"/>, for a misspelt word in a form the fact base does not write
    /// («зарегестрировали»: no written word is near, but its stem is one letter from зарегистрирова): one edit away
    /// (two from eleven letters), the same first letter, stems of at least <see cref="MinCorrectedStemLength"/> letters
    /// only. Null when none is near enough, or when two are equally near.
    /// </summary>
    public string? CorrectStem(string stem)
    {
        if (stem.Length < MinCorrectedStemLength || !IsWordStem(stem) || !stemsByFirstLetter.TryGetValue(stem[0], out var candidates))
        {
            return null;
        }

        var limit = stem.Length >= 11 ? 2 : 1;
        (string? Stem, int Distance, bool Tie) best = (null, limit + 1, false);
        foreach (var candidate in candidates)
        {
            if (Math.Abs(candidate.Length - stem.Length) > limit)
            {
                continue;
            }

            var distance = EditDistance.Bounded(stem, candidate, best.Distance + 1);
            if (distance < best.Distance)
            {
                best = (candidate, distance, false);
            }
            else if (distance == best.Distance && best.Stem is not null)
            {
                best.Tie = true;
            }
        }

        return best.Distance <= limit && !best.Tie ? best.Stem : null;
    }

    /// <summary>Adds to <paramref name="family"/> the known stems that share most of their beginning with <paramref name="stem"/>.</summary>
    public void AddFamily(string stem, List<string> family)
    {
        if (stem.Length < MinFamilyPrefix || !IsWordStem(stem))
        {
            return;
        }

        var prefix = stem.AsSpan(0, MinFamilyPrefix);
        var index = LowerBound(prefix);
        for (; index < wordStems.Length && wordStems[index].AsSpan().StartsWith(prefix, StringComparison.Ordinal); index++)
        {
            var other = wordStems[index];
            var shorter = Math.Min(stem.Length, other.Length);
            if (!string.Equals(other, stem, StringComparison.Ordinal)
                && stem.AsSpan().CommonPrefixLength(other) >= Math.Max(MinFamilyPrefix, FamilyShare * shorter))
            {
                family.Add(other);
            }
        }
    }

    private static bool IsWordStem(string stem)
    {
        foreach (var c in stem)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    private int LowerBound(ReadOnlySpan<char> prefix)
    {
        int low = 0, high = wordStems.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (wordStems[middle].AsSpan().CompareTo(prefix, StringComparison.Ordinal) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
