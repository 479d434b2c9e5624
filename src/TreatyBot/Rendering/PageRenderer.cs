using System.Globalization;
using System.Text;
using Telegram.Bot.Types.ReplyMarkups;
using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Rendering;

/// <summary>
/// The bot's own pages in Telegram HTML, with their buttons: greeting, help, timeline, sources, and the short notices.
/// Texts come from texts.yaml. The timeline and the sources also as terminal text.
/// </summary>
internal static class PageRenderer
{
    private const int TimelineRow = 8;

    /// <summary>The greeting of /start, with the example questions as buttons, one per row.</summary>
    public static Reply Greeting(UiTexts texts, Language language)
    {
        var examples = texts.List("examples", language).Select((text, i) =>
            new[] { InlineKeyboardButton.WithCallbackData(text, CallbackData.Example(language, i).ToString()) });
        return new(Html.Escape(texts.Get("greeting", language)), new InlineKeyboardMarkup(examples));
    }

    public static Reply Help(UiTexts texts, Language language, string botMention, bool group) =>
        Notice(texts, group ? "group-help" : "help", language, ("bot", botMention));

    /// <summary>
    /// A short text of texts.yaml by its key ("slow-down", "unknown-command"…), its placeholders ({time}, {zone},
    /// {next}…) filled in; every value is escaped with the text around it.
    /// </summary>
    public static Reply Notice(UiTexts texts, string key, Language language, params (string Name, string Value)[] values)
    {
        var text = texts.Get(key, language);
        foreach (var (name, value) in values)
        {
            text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return new(Html.Escape(text));
    }

    /// <summary>
    /// One line per dated fact, in date order, numbered; the numbers match <see cref="FactBase.Timeline(int?)"/> and the
    /// numbered buttons under it, which open the facts. With <paramref name="year"/>, the events of that year, or the
    /// whole timeline under a line saying the year has none.
    /// </summary>
    public static Reply Timeline(FactBase facts, Language language, int? year = null)
    {
        var (heading, events) = TimelineOf(facts, language, year);
        var buttons = events.Select((entry, i) => InlineKeyboardButton.WithCallbackData(
            (i + 1).ToString(CultureInfo.InvariantCulture), CallbackData.Fact(language, entry.Fact.Id).ToString()));
        var html = new StringBuilder("<b>").Append(Html.Escape(heading)).Append("</b>");
        var number = 0;
        foreach (var (date, fact) in events)
        {
            html.Append('\n').Append(++number).Append(". <b>").Append(Html.Escape(date.Format(language))).Append("</b> — ")
                .Append(Html.Escape(fact.Title[language]));
        }

        return new(html.ToString(), new InlineKeyboardMarkup(buttons.Chunk(TimelineRow)));
    }

    /// <summary>Every source, primary texts first, as links.</summary>
    public static Reply Sources(FactBase facts, Language language)
    {
        var html = new StringBuilder("<b>").Append(Html.Escape(facts.Texts.Get("sources-list", language))).Append("</b>");
        foreach (var source in facts.Sources.OrderBy(s => s.Kind))
        {
            html.Append("\n• <a href=\"").Append(Html.Escape(source.Url.AbsoluteUri)).Append("\">")
                .Append(Html.Escape(source.Title[language])).Append("</a>");
        }

        return new(html.ToString());
    }

    /// <summary>The timeline as terminal text, numbered as in Telegram; with <paramref name="year"/>, as <see cref="Timeline"/> shows it.</summary>
    public static string TimelineText(FactBase facts, Language language, int? year = null)
    {
        var (heading, events) = TimelineOf(facts, language, year);
        var text = new StringBuilder(heading);
        var number = 0;
        foreach (var (date, fact) in events)
        {
            text.AppendLine().Append(++number).Append(". ").Append(date.Format(language)).Append(" — ").Append(fact.Title[language]);
        }

        return text.ToString();
    }

    /// <summary>The year a /timeline command names («/timeline 1944»), or null for none or anything else.</summary>
    public static int? Year(string argument) =>
        argument.Trim() is { Length: 4 } text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null;

    /// <summary>The heading and the events of the timeline, of one year when that year has any.</summary>
    private static (string Heading, IReadOnlyList<(FactDate Date, Fact Fact)> Events) TimelineOf(FactBase facts, Language language, int? year)
    {
        if (year is not { } asked)
        {
            return (facts.Texts.Get("timeline", language), facts.Timeline());
        }

        var events = facts.Timeline(asked);
        var key = events.Count > 0 ? "timeline-year" : "timeline-no-year";
        return (facts.Texts.Get(key, language).Replace("{year}", asked.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
            events.Count > 0 ? events : facts.Timeline());
    }

    /// <summary>The sources as terminal text: title and host, as answers show them.</summary>
    public static string SourcesText(FactBase facts, Language language)
    {
        var text = new StringBuilder(facts.Texts.Get("sources-list", language));
        foreach (var source in facts.Sources)
        {
            text.AppendLine().Append("  • ").Append(source.Title[language]).Append(" (").Append(source.Url.IdnHost).Append(')');
        }

        return text.ToString();
    }
}
