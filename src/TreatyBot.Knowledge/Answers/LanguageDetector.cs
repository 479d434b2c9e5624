using TreatyBot.Knowledge.Matching;

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
            switch (Scripts.Of(c))
            {
                case Script.Cyrillic:
                    cyrillic++;
                    break;
                case Script.Latin:
                    latin++;
                    break;
            }
        }

        return cyrillic == 0 && latin == 0 ? null : cyrillic >= latin ? Language.Ru : Language.En;
    }
}
