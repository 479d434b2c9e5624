using System.Text;
using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Rendering;

/// <summary>The bot's own pages in Telegram HTML: greeting, help, timeline, sources. Texts come from texts.yaml.</summary>
public static class PageRenderer
{
    public static string Greeting(UiTexts texts, Language language)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return Html.Escape(texts.Get("greeting", language));
    }

    public static string Help(UiTexts texts, Language language, string botMention, bool group)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return Html.Escape(texts.Get(group ? "group-help" : "help", language).Replace("{bot}", botMention, StringComparison.Ordinal));
    }

    /// <summary>One line per dated fact, in date order, numbered; the numbers match <see cref="FactBase.Timeline"/>.</summary>
    public static string Timeline(FactBase facts, Language language)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var html = new StringBuilder("<b>").Append(Html.Escape(facts.Texts.Get("timeline", language))).Append("</b>");
        var number = 0;
        foreach (var (date, fact) in facts.Timeline())
        {
            html.Append('\n').Append(++number).Append(". <b>").Append(Html.Escape(date.Format(language))).Append("</b> — ")
                .Append(Html.Escape(fact.Title[language]));
        }

        return html.ToString();
    }

    /// <summary>The timeline as terminal text, numbered as in Telegram.</summary>
    public static string TimelineText(FactBase facts, Language language)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var text = new StringBuilder(facts.Texts.Get("timeline", language));
        var number = 0;
        foreach (var (date, fact) in facts.Timeline())
        {
            text.AppendLine().Append(++number).Append(". ").Append(date.Format(language)).Append(" — ").Append(fact.Title[language]);
        }

        return text.ToString();
    }

    /// <summary>The sources as terminal text: title and host, as answers show them.</summary>
    public static string SourcesText(FactBase facts, Language language)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var text = new StringBuilder(facts.Texts.Get("sources-list", language));
        foreach (var source in facts.Sources)
        {
            text.AppendLine().Append("  • ").Append(source.Title[language]).Append(" (").Append(source.Url.IdnHost).Append(')');
        }

        return text.ToString();
    }

    public static string Sources(FactBase facts, Language language)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var html = new StringBuilder("<b>").Append(Html.Escape(facts.Texts.Get("sources-list", language))).Append("</b>");
        foreach (var source in facts.Sources.OrderBy(s => s.Kind))
        {
            html.Append("\n• <a href=\"").Append(Html.Escape(source.Url.AbsoluteUri)).Append("\">")
                .Append(Html.Escape(source.Title[language])).Append("</a>");
        }

        return html.ToString();
    }
}
