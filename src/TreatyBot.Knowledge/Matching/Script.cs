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
