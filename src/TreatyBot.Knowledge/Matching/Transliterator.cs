using System.Text;

namespace TreatyBot.Knowledge.Matching;

/// <summary>
/// Reads a Russian word typed in Latin letters («kogda», «pekinskiy», «kontsessiya») back into Cyrillic. Covers the
/// common informal spellings (kh/h, ts/c, ya/ja, iy/ij); what it gets slightly wrong the spelling correction repairs.
/// </summary>
internal static class Transliterator
{
    private const string Vowels = "aeiouy";

    // Longest first: the first that fits at a position wins.
    private static readonly (string Latin, string Cyrillic)[] Clusters =
    [
        ("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ch", "ч"), ("sh", "ш"), ("ck", "к"),
        ("yu", "ю"), ("ju", "ю"), ("ya", "я"), ("ja", "я"), ("yo", "е"), ("jo", "е"), ("ye", "е"), ("je", "е"),
    ];

    private static readonly Dictionary<char, string> Letters = new()
    {
        ['a'] = "а", ['b'] = "б", ['c'] = "ц", ['d'] = "д", ['e'] = "е", ['f'] = "ф", ['g'] = "г", ['h'] = "х",
        ['i'] = "и", ['j'] = "й", ['k'] = "к", ['l'] = "л", ['m'] = "м", ['n'] = "н", ['o'] = "о", ['p'] = "п",
        ['q'] = "к", ['r'] = "р", ['s'] = "с", ['t'] = "т", ['u'] = "у", ['v'] = "в", ['w'] = "в", ['x'] = "кс",
        ['z'] = "з", ['\''] = "ь",
    };

    /// <summary>
    /// <paramref name="text"/> with each run of Latin letters (and apostrophes inside it) read as Russian, in lower case;
    /// the rest as it is: «kogda byl podpisan dogovor?» gives «когда был подписан договор?».
    /// </summary>
    public static string LatinToCyrillic(string text)
    {
        var read = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length;)
        {
            var end = i;
            while (end < text.Length && (Scripts.Of(text[end]) == Script.Latin || (end > i && text[end] == '\'' && end + 1 < text.Length && Scripts.Of(text[end + 1]) == Script.Latin)))
            {
                end++;
            }

            if (end > i)
            {
                read.Append(ToCyrillic(text[i..end].ToLowerInvariant()));
                i = end;
            }
            else
            {
                read.Append(text[i++]);
            }
        }

        return read.ToString();
    }

    /// <summary>The Cyrillic reading of <paramref name="word"/> (lower-case Latin letters).</summary>
    public static string ToCyrillic(string word)
    {
        var text = new StringBuilder(word.Length + 2);
        for (var i = 0; i < word.Length;)
        {
            var (length, cyrillic) = Read(word, i);
            text.Append(cyrillic);
            i += length;
        }

        return text.ToString();
    }

    private static (int Length, string Cyrillic) Read(string word, int i)
    {
        var c = word[i];
        var atEnd = i + 1 == word.Length;
        var next = atEnd ? '\0' : word[i + 1];
        if (c is 'i' or 'y' && next is 'y' or 'j' && i + 2 == word.Length)
        {
            return (2, c == 'i' ? "ий" : "ый");
        }

        if (c == 't' && next == 's' && i + 2 < word.Length && Vowels.Contains(word[i + 2], StringComparison.Ordinal))
        {
            return (2, "ц");
        }

        foreach (var (latin, cyrillic) in Clusters)
        {
            if (string.CompareOrdinal(word, i, latin, 0, latin.Length) == 0)
            {
                return (latin.Length, cyrillic);
            }
        }

        return c switch
        {
            'y' => (1, i > 0 && Vowels.Contains(word[i - 1], StringComparison.Ordinal) ? "й" : "ы"),
            'e' when i == 0 => (1, "э"),
            _ => (1, Letters.TryGetValue(c, out var letter) ? letter : c.ToString()),
        };
    }
}
