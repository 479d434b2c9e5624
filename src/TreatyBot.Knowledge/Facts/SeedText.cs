using System.Text;
using TreatyBot.Knowledge.Matching;

namespace TreatyBot.Knowledge.Facts;

/// <summary>
/// The seed article, the only text the bot quotes word for word. An excerpt is shown with case, punctuation and digits
/// restored; it is genuine when, normalised (<see cref="Normalize"/>), it occurs in the normalised seed.
/// </summary>
public sealed class SeedText
{
    private readonly string normalized;

    public SeedText(string raw)
    {
        normalized = " " + Normalize(raw) + " ";
    }

    /// <summary>Lower-case, ё as е, every non-letter a space, one-letter words dropped, white space collapsed.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var wordStart = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && char.IsLetter(text[i]))
            {
                if (wordStart < 0)
                {
                    wordStart = builder.Length;
                }

                builder.Append(Scripts.Fold(text[i]));
                continue;
            }

            if (wordStart >= 0)
            {
                if (builder.Length - wordStart < 2)
                {
                    builder.Length = wordStart;
                }
                else
                {
                    builder.Append(' ');
                }

                wordStart = -1;
            }
        }

        return builder.ToString().TrimEnd();
    }

    /// <summary>Whether the excerpt, normalised, is a run of whole words of the seed.</summary>
    public bool Contains(string excerpt)
    {
        var words = Normalize(excerpt);
        return words.Length > 0 && normalized.Contains(" " + words + " ", StringComparison.Ordinal);
    }
}
