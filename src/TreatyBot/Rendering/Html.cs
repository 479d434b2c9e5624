using System.Text;

namespace TreatyBot.Rendering;

/// <summary>Escaping for Telegram HTML: the only three characters that must be escaped, plus quotes in attributes.</summary>
internal static class Html
{
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("<>&\"") < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '"' => "&quot;",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }
}
