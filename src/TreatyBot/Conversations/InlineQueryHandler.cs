using System.Globalization;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.InlineQueryResults;
using TreatyBot.Delivery;
using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Facts;
using TreatyBot.KnowledgeBase;
using TreatyBot.Rendering;
using TreatyBot.Telemetry;

namespace TreatyBot.Conversations;

/// <summary>
/// Inline mode: "@bot question" in any chat lists the best facts as articles that send the cited answer. An empty
/// query lists the key facts. Ten per page, at most fifty; facts are public, so results are shared and cached.
/// </summary>
internal sealed partial class InlineQueryHandler(
    ITelegramBotClient bot,
    Outbox outbox,
    KnowledgeStore knowledge,
    IFloodControl flood,
    BotMetrics metrics,
    ILogger<InlineQueryHandler> logger)
{
    public const int PageSize = 10;
    public const int MaxResults = 50;
    public const int CacheSeconds = 300;
    private const int DescriptionLength = 120;

    public async Task AnswerAsync(InlineQuery query, CancellationToken cancellationToken)
    {
        if (await flood.IsFloodingAsync(query.From.Id, cancellationToken))
        {
            // Personal and not cached: Telegram must not show this empty page to others typing the same query.
            await outbox.CallAsync(ct => bot.SendRequest(new CompactAnswerInlineQueryRequest { InlineQueryId = query.Id, Results = [], CacheTime = 0, IsPersonal = true }, ct), cancellationToken);
            return;
        }

        var answerer = knowledge.Answerer;
        var fallback = LanguageExtensions.FromCode(query.From.LanguageCode) ?? Language.Ru;
        var (facts, language) = string.IsNullOrWhiteSpace(query.Query)
            ? (answerer.Facts.Featured, fallback)
            : answerer.Search(query.Query, MaxResults, fallback);
        var offset = int.TryParse(query.Offset, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        var page = facts.Skip(offset).Take(PageSize).Select(f => Article(f, language, answerer.Facts)).ToList();
        var next = offset + PageSize < Math.Min(facts.Count, MaxResults) ? (offset + PageSize).ToString(CultureInfo.InvariantCulture) : "";
        if (offset == 0)
        {
            // Counted once per query, not per page scrolled.
            metrics.InlineAnswered(facts.Count, string.IsNullOrWhiteSpace(query.Query));
            LogInline(facts.Count, facts.Count > 0 ? facts[0].Id : null);
        }

        var request = new CompactAnswerInlineQueryRequest { InlineQueryId = query.Id, Results = page, CacheTime = CacheSeconds, NextOffset = next };
        await outbox.CallAsync(ct => bot.SendRequest(request, ct), cancellationToken);
    }

    private static InlineQueryResultArticle Article(Fact fact, Language language, FactBase facts)
    {
        // The same HTML a chat gets for this fact, rendered once per fact base (AnswerRenderer.Reply).
        var content = new InputTextMessageContent(HtmlSplitter.Split(AnswerRenderer.Reply(Answer.Showing(fact, language), facts).Html)[0])
        {
            ParseMode = ParseMode.Html,
            LinkPreviewOptions = new LinkPreviewOptions { IsDisabled = true },
        };
        var line = fact.Answer[language];
        return new InlineQueryResultArticle(fact.Id, fact.Title[language], content)
        {
            Description = line.Length <= DescriptionLength ? line : line[..(DescriptionLength - 1)] + "…",
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Inline query: {Results} result(s), first {FactId}")]
    private partial void LogInline(int results, string? factId);
}
