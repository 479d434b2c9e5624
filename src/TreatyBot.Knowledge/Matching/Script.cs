namespace TreatyBot.Knowledge.Matching;

/// <summary>The alphabet a word is written in, as far as the bot cares.</summary>
internal enum Script
{
    Other,
    Cyrillic,
    Latin,
}

internal static class Scripts
{
    public static Script Of(char c) => c switch
    {
        >= '\u0400' and <= '\u04FF' => Script.Cyrillic,
        >= 'a' and <= 'z' or >= 'A' and <= 'Z' => Script.Latin,
        _ => Script.Other,
    };

    /// <summary>
    /// A character as the index compares it: lower case, ё read as е. Latin and Cyrillic letters are folded here
    /// directly; going through ICU for each character would cost more than the rest of reading a question.
    /// </summary>
    public static char Fold(char c) => c switch
    {
        >= 'A' and <= 'Z' or >= 'А' and <= 'Я' => (char)(c + 32),
        'Ё' or 'ё' => 'е',
        >= 'Ѐ' and <= 'Џ' => (char)(c + 80),
        < '\u0080' or >= 'а' and <= 'џ' => c,
        _ => char.ToLowerInvariant(c),
    };

    /// <summary>A text as the index compares it (<see cref="Fold(char)"/> for each character).</summary>
    public static string Fold(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = Fold(source[i]);
            }
        });

    /// <summary>The script of the first letter of <paramref name="word"/> that has one.</summary>
    public static Script Of(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (Of(c) is var script and not Script.Other)
            {
                return script;
            }
        }

        return Script.Other;
    }
}
