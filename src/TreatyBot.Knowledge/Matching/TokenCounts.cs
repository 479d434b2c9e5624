using System.Runtime.CompilerServices;

namespace TreatyBot.Knowledge.Matching;

/// <summary>
/// How often each token of <see cref="FactClassifier"/> occurs in the texts of each label (a fact id, or a kind of
/// question examples.tsv names), as learning counts them. A token is a word's beginning, or a pair of neighbouring
/// beginnings, kept as a 64-bit hash (<see cref="TokenReader"/>): no strings are made for the many thousands of them.
/// </summary>
internal sealed class TokenCounts
{
    private readonly List<int> seen = [];
    private readonly List<int> all = [];
    private readonly Dictionary<string, int> labels = new(StringComparer.Ordinal);

    /// <summary>Per token, its latest entry in <see cref="Entries"/>.</summary>
    private readonly List<int> latest = [];

    /// <summary>Each token's number.</summary>
    public Dictionary<long, int> Ids { get; } = [];

    /// <summary>When set, each text is kept there as well, with its label's number, for <see cref="LetterGrams"/>.</summary>
    public QuestionTexts? Questions { get; init; }

    /// <summary>
    /// How often a token (by number) occurred under a label (by number). A label's texts usually come together, so a
    /// token has one entry per label; when they do not, a pair may have several entries, to be added up.
    /// </summary>
    public List<(int Token, int Label, int Count)> Entries { get; } = [];

    /// <summary>The labels in the order they were first met: a label's number is its place here.</summary>
    public List<string> Labels { get; } = [];

    /// <summary>Per label's number, all its tokens counted.</summary>
    public List<double> Totals { get; } = [];

    /// <summary>
    /// Each text learned, in turn: its label's number, its weight, its tokens' numbers (a token it repeats, each time),
    /// and the other labels that answer it as well (null for none), for the part of the classifier that learns from one
    /// question at a time.
    /// </summary>
    public List<(int Label, int Weight, int[] Tokens, string[]? Also)> Texts { get; } = [];

    /// <summary>
    /// Lets go of the counts and the tokens' numbers once a classifier has taken them (some MiB), so that they are not
    /// kept while it learns from <see cref="Texts"/>, which stay.
    /// </summary>
    public void ReleaseCounts()
    {
        Entries.Clear();
        Entries.TrimExcess();
        Ids.Clear();
        Ids.TrimExcess();
        latest.Clear();
        latest.TrimExcess();
    }

    /// <summary>
    /// Counts <paramref name="text"/>'s tokens under <paramref name="label"/>, each <paramref name="weight"/> times; when
    /// <paramref name="once"/>, a token the text repeats counts once (a question's repeated word is one vote). Returns
    /// the label's number. <paramref name="also"/> names the other labels that answer the text as well: they are kept
    /// with it for the perceptron (<see cref="Texts"/>), and count nothing here.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Learn(ReadOnlySpan<char> text, ReadOnlySpan<char> label, int weight, bool once, string[]? also = null)
    {
        var named = labels.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!named.TryGetValue(label, out var index))
        {
            index = Labels.Count;
            named[label] = index;
            Labels.Add(label.ToString());
            Totals.Add(0);
        }

        var tokens = new TokenReader(text);
        seen.Clear();
        all.Clear();
        while (tokens.Next(out var token))
        {
            if (!Ids.TryGetValue(token, out var id))
            {
                id = Ids[token] = latest.Count;
                latest.Add(-1);
            }

            all.Add(id);
            if (once && seen.Contains(id))
            {
                continue;
            }

            seen.Add(id);
            if (latest[id] is var entry and >= 0 && Entries[entry].Label == index)
            {
                Entries[entry] = (id, index, Entries[entry].Count + weight);
            }
            else
            {
                latest[id] = Entries.Count;
                Entries.Add((id, index, weight));
            }

            Totals[index] += weight;
        }

        Texts.Add((index, weight, [.. all], also));
        Questions?.Add(text, index);
        return index;
    }

    /// <summary>
    /// The tokens of a text, as 64-bit hashes: each word's beginning (<see cref="PrefixLength"/> letters, as the index
    /// folds them; a word is a run of Latin or Cyrillic letters and digits), each followed by the pair of it and the word
    /// before. A word of one letter is read only in its pairs.
    /// </summary>
    public ref struct TokenReader(ReadOnlySpan<char> text)
    {
        /// <summary>A word is read by its first letters: «сахалина», «сахалинская» and "sakhalin's" share theirs.</summary>
        public const int PrefixLength = 5;

        private const ulong Offset = 14695981039346656037;
        private const ulong Prime = 1099511628211;

        private readonly ReadOnlySpan<char> text = text;
        private int position;
        private ulong previous;
        private ulong current;
        private bool hasPrevious;
        private bool pairNext;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool Next(out long token)
        {
            if (pairNext)
            {
                token = Pair(previous, current);
                (previous, pairNext) = (current, false);
                return true;
            }

            while (position < text.Length)
            {
                while (position < text.Length && !IsWordChar(Scripts.Fold(text[position])))
                {
                    position++;
                }

                var start = position;
                var hash = Offset;
                while (position < text.Length && Scripts.Fold(text[position]) is var c && IsWordChar(c))
                {
                    if (position - start < PrefixLength)
                    {
                        hash = (hash ^ c) * Prime;
                    }

                    position++;
                }

                if (position == start)
                {
                    continue;
                }

                if (position - start == 1)
                {
                    // «протокол Б», "Protocol A": a letter alone is no word, but beside the word before it, it tells.
                    current = hash;
                    if (hasPrevious)
                    {
                        token = Pair(previous, current);
                        previous = current;
                        return true;
                    }

                    (previous, hasPrevious) = (current, true);
                    continue;
                }

                current = hash;
                token = (long)hash;
                if (hasPrevious)
                {
                    pairNext = true;
                }
                else
                {
                    (previous, hasPrevious) = (current, true);
                }

                return true;
            }

            token = 0;
            return false;
        }

        private static long Pair(ulong first, ulong second) => (long)((((first ^ '_') * Prime) ^ second) * Prime);

        private static bool IsWordChar(char c) => c is >= 'a' and <= 'z' or >= 'а' and <= 'я' or >= '0' and <= '9';
    }
}
