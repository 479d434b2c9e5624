namespace TreatyBot.Knowledge.Answers;

/// <summary>Tells the language of a question from its script: Cyrillic means Russian, Latin means English.</summary>
public static class LanguageDetector
{
    public static Language? Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int cyrillic = 0, latin = 0;
        foreach (var c in text)
        {
            if (c is >= '\u0400' and <= '\u04FF')
            {
                cyrillic++;
            }
            else if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z')
            {
                latin++;
            }
        }

        return cyrillic == 0 && latin == 0 ? null : cyrillic >= latin ? Language.Ru : Language.En;
    }
}
