namespace TreatyBot.Knowledge.Matching;

/// <summary>
/// Text typed with the wrong keyboard layout: «ytanm» is «нефть» typed on a Latin (QWERTY) layout, «цру» is "who"
/// typed on a Russian (ЙЦУКЕН) one. <see cref="Switch"/> retypes the text on the other layout.
/// </summary>
internal static class KeyboardLayout
{
    private const string Latin = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>~";
    private const string Cyrillic = "йцукенгшщзхъфывапролджэячсмитьбюёЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮЁ";

    private static readonly Dictionary<char, char> Keys = BuildKeys();

    /// <summary>
    /// Every letter retyped on the other layout. A punctuation key becomes a Russian letter only inside or at the edge
    /// of a Latin word («[fkby» is «халин»), and a comma or full stop only inside one, so "ytanm, 1925" keeps its comma.
    /// </summary>
    public static string Switch(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = Keys.TryGetValue(c, out var other) && (char.IsLetter(c) || IsInWord(source, i)) ? other : c;
        }
    });

    private static bool IsInWord(string text, int index)
    {
        var before = index > 0 && Scripts.Of(text[index - 1]) == Script.Latin;
        var after = index + 1 < text.Length && Scripts.Of(text[index + 1]) == Script.Latin;
        return text[index] is '.' or ',' ? before && after : before || after;
    }

    private static Dictionary<char, char> BuildKeys()
    {
        var keys = new Dictionary<char, char>();
        for (var i = 0; i < Latin.Length; i++)
        {
            keys[Latin[i]] = Cyrillic[i];
            keys[Cyrillic[i]] = Latin[i];
        }

        return keys;
    }
}
