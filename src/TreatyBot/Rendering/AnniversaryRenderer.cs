using System.Globalization;
using System.Text;
using Telegram.Bot.Types.ReplyMarkups;
using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Rendering;

/// <summary>
/// "This day in history": each event of a day as a lead in italics ("On this day in 1925, 101 years ago") over the
/// fact's cited reply, as an answer shows it; several events of one day in one post, the oldest first, with the buttons
/// of all of them under it.
/// </summary>
internal static class AnniversaryRenderer
{
    private const int MaxButtons = 4;

    /// <summary>The post of <paramref name="date"/> (today, for the chat): every event remembered on it.</summary>
    public static Reply Post(FactBase facts, IReadOnlyList<Fact> events, DateOnly date, Language language) =>
        Events(facts, events, date, language, header: null, onThisDay: true);

    /// <summary>/today on a day that remembers nothing: so it says, then the events of the next day that does.</summary>
    public static Reply NothingToday(FactBase facts, DateOnly today, IReadOnlyList<Fact> next, DateOnly nextDate, Language language)
    {
        var header = facts.Texts.Get("anniversary-none-today", language)
            .Replace("{date}", DayAndMonth(today, language), StringComparison.Ordinal)
            .Replace("{next}", DayAndMonth(nextDate, language), StringComparison.Ordinal);
        return Events(facts, next, nextDate, language, header, onThisDay: false);
    }

    /// <summary>"101 years" / «101 год»: the number and the word of texts.yaml's years-ago in its plural form.</summary>
    public static string YearsAgo(UiTexts texts, int years, Language language)
    {
        var forms = texts.List(UiTexts.YearsAgo, language);
        var form = language == Language.Ru
            ? (years % 10, years % 100) switch
            {
                (1, not 11) => forms[0],
                (>= 2 and <= 4, not (>= 12 and <= 14)) => forms[1],
                _ => forms[2],
            }
            : years == 1 ? forms[0] : forms[1];
        return years.ToString(CultureInfo.InvariantCulture) + " " + form;
    }

    /// <summary>A date as a post names it: «20 января 2027» or "20 January 2027".</summary>
    public static string Date(DateOnly date, Language language) => new FactDate(date.Year, date.Month, date.Day).Format(language);

    private static Reply Events(FactBase facts, IReadOnlyList<Fact> events, DateOnly date, Language language, string? header, bool onThisDay)
    {
        var html = new StringBuilder();
        if (header is not null)
        {
            html.Append("<b>").Append(Html.Escape(header)).Append("</b>\n\n");
        }

        var rows = new List<InlineKeyboardButton[]>();
        var shown = events.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        var offered = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var fact = events[i];
            var happened = fact.Anniversary!.Value;
            var ago = YearsAgo(facts.Texts, date.Year - happened.Year, language);
            var lead = onThisDay
                ? facts.Texts.Get("anniversary-today", language).Replace("{year}", happened.Year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                : facts.Texts.Get("anniversary-on", language).Replace("{date}", happened.Format(language), StringComparison.Ordinal);
            lead = lead.Replace("{ago}", ago, StringComparison.Ordinal);

            var reply = AnswerRenderer.Reply(Answer.Showing(fact, language), facts);
            html.Append(i == 0 ? "" : "\n\n").Append("📅 <i>").Append(Html.Escape(lead)).Append("</i>\n").Append(reply.Html);
            foreach (var button in reply.Keyboard?.InlineKeyboard.SelectMany(row => row) ?? [])
            {
                // Related facts of every event, once each, and none of the events shown here.
                if (rows.Count < MaxButtons && button.CallbackData is { } data && offered.Add(data)
                    && !shown.Any(id => CallbackData.Fact(language, id).ToString() == data))
                {
                    rows.Add([button]);
                }
            }
        }

        return new(html.ToString(), rows.Count == 0 ? null : new InlineKeyboardMarkup(rows));
    }

    private static string DayAndMonth(DateOnly date, Language language) => new FactDate(date.Year, date.Month, date.Day).FormatDayAndMonth(language);
}
