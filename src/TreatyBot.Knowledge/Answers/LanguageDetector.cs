using TreatyBot.Knowledge.Matching;

namespace TreatyBot.Knowledge.Answers;

/// <summary>Tells the language of a question from its script: Cyrillic means Russian, Latin means English.</summary>
public static class LanguageDetector
{
    /// <summary>
    /// Russian when the question's Cyrillic letters are at least half as many as its Latin ones, else English; null
    /// with neither. Russian first: a Russian asker often types an English term or a romanised name into a Russian
    /// question («exchange of ratifications — дата?»), and someone writing English rarely types Cyrillic at all.
    /// </summary>
    public static Language? FromLetters(int cyrillic, int latin) =>
        cyrillic == 0 && latin == 0 ? null : cyrillic * 2 >= latin ? Language.Ru : Language.En;

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

        return FromLetters(cyrillic, latin);
    }
}
