using Telegram.Bot.Types.ReplyMarkups;
using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Telegram;

/// <summary>The inline buttons under the bot's messages.</summary>
public static class Keyboards
{
    private const int MaxRelated = 3;
    private const int TimelineRow = 8;

    /// <summary>Under an answer: related facts; under "did you mean": the candidates. Null when there is nothing to offer.</summary>
    public static InlineKeyboardMarkup? For(Answer answer, FactBase facts)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(facts);
        var language = answer.Language;
        IEnumerable<Fact> offered = answer.Kind switch
        {
            AnswerKind.Candidates => answer.Candidates.Select(c => c.Fact),
            AnswerKind.Fact or AnswerKind.Partial => answer.Fact!.Related.Select(facts.Find).OfType<Fact>().Take(MaxRelated),
            _ => [],
        };
        var rows = offered.Select(f => new[] { FactButton(f, language) }).ToList();
        return answer.Kind == AnswerKind.Page && answer.Page == BotPage.Timeline
            ? Timeline(facts, language)
            : rows.Count == 0 ? null : new InlineKeyboardMarkup(rows);
    }

    /// <summary>The example questions of /start, one per row.</summary>
    public static InlineKeyboardMarkup Examples(UiTexts texts, Language language)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var examples = texts.List("examples", language);
        return new InlineKeyboardMarkup(examples.Select((text, i) =>
            new[] { InlineKeyboardButton.WithCallbackData(text, CallbackData.Example(language, i).ToString()) }));
    }

    /// <summary>Numbered buttons matching the numbered lines of the timeline.</summary>
    public static InlineKeyboardMarkup Timeline(FactBase facts, Language language)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var buttons = facts.Timeline().Select((entry, i) => InlineKeyboardButton.WithCallbackData(
            (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), CallbackData.Fact(language, entry.Fact.Id).ToString()));
        return new InlineKeyboardMarkup(buttons.Chunk(TimelineRow));
    }

    private static InlineKeyboardButton FactButton(Fact fact, Language language) =>
        InlineKeyboardButton.WithCallbackData(fact.Title[language], CallbackData.Fact(language, fact.Id).ToString());
}
