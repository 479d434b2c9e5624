using Telegram.Bot.Extensions;

namespace TreatyBot.Rendering;

/// <summary>
/// Escaping for Telegram HTML: &lt;, &gt; and &amp;, the characters Telegram requires escaped outside tags, and the
/// double quote, which would end an attribute value. Telegram.Bot's <see cref="HtmlText.Escape"/> does exactly that
/// (the same four entities, the text itself when nothing needs escaping); this keeps the one name the renderers use
/// and refuses null instead of passing it on.
/// </summary>
internal static class Html
{
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return HtmlText.Escape(text);
    }
}
