namespace TreatyBot.Knowledge.Matching;

/// <summary>
/// The words the fact base and the lexicon are written in, as typed (lower case, ё as е), with their stems and how
/// often each occurs: what spelling correction chooses from.
/// </summary>
internal sealed class WordList
{
    private readonly Dictionary<string, (string Stem, int Count)> words = new(StringComparer.Ordinal);

    public IEnumerable<(string Word, string Stem, int Count)> All => words.Select(w => (w.Key, w.Value.Stem, w.Value.Count));

    /// <summary>Notes the words of <paramref name="text"/> as <paramref name="tokens"/> found them.</summary>
    public void Add(string text, IEnumerable<Token> tokens)
    {
        foreach (var token in tokens)
        {
            var word = Normalize(text.AsSpan(token.Start, token.Length));
            var (stem, count) = words.GetValueOrDefault(word, (token.Stem, 0));
            words[word] = (stem, count + 1);
        }
    }

    /// <summary>A word as the index sees it before stemming: lower case, ё read as е.</summary>
    public static string Normalize(ReadOnlySpan<char> word) => string.Create(word.Length, word, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = Scripts.Fold(source[i]);
        }
    });
}
