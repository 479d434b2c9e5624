using System.Globalization;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using TreatyBot.Delivery;
using TreatyBot.Knowledge;
using TreatyBot.KnowledgeBase;
using TreatyBot.Rendering;
using TreatyBot.Storage;

namespace TreatyBot.Anniversaries;

/// <summary>
/// /today, /subscribe, /unsubscribe and /subscription, in any chat the router hands them from. In groups and
/// supergroups only administrators may change the subscription (asked of Telegram with getChatMember); in a channel
/// the command is a post, which only its administrators can make.
/// </summary>
internal sealed partial class AnniversaryCommands(
    KnowledgeStore knowledge,
    ISubscriptions subscriptions,
    AnniversaryPoster poster,
    Outbox outbox,
    ITelegramBotClient bot,
    TimeProvider time,
    ILogger<AnniversaryCommands> logger)
{
    /// <summary>
    /// What happened on today's date (in the chat's subscription zone, else <see cref="TimeZones.DefaultZone"/>), or,
    /// when nothing did, the next day that remembers something.
    /// </summary>
    public async Task TodayAsync(Message message, ChatTarget target, Language language, CancellationToken cancellationToken)
    {
        var facts = knowledge.Facts;
        var subscription = await subscriptions.GetAsync(message.Chat.Id, cancellationToken);
        var zone = (subscription is null ? null : TimeZones.Find(subscription.Zone)) ?? TimeZones.Find(TimeZones.DefaultZone) ?? TimeZoneInfo.Utc;
        var today = PostSchedule.LocalDate(time.GetUtcNow(), zone);
        var events = AnniversaryCalendar.On(facts, today);
        Reply reply;
        if (events.Count > 0)
        {
            reply = AnniversaryRenderer.Post(facts, events, today, language);
        }
        else if (AnniversaryCalendar.Next(facts, today.AddDays(1)) is { } next)
        {
            reply = AnniversaryRenderer.NothingToday(facts, today, AnniversaryCalendar.On(facts, next), next, language);
        }
        else
        {
            reply = PageRenderer.Notice(facts.Texts, "no-answer", language);
        }

        await outbox.SendReplyAsync(target, reply, cancellationToken);
    }

    /// <summary><c>/subscribe [HH:MM] [zone]</c>: posts in this chat (this forum topic) on every anniversary.</summary>
    public async Task SubscribeAsync(Message message, ChatTarget target, Language language, string argument, CancellationToken cancellationToken)
    {
        var texts = knowledge.Facts.Texts;
        if (!await MayChangeAsync(message, cancellationToken))
        {
            await outbox.SendReplyAsync(target, PageRenderer.Notice(texts, "admins-only", language), cancellationToken);
            return;
        }

        if (SubscribeRequest.Parse(argument) is not { } request)
        {
            await outbox.SendReplyAsync(target, PageRenderer.Notice(texts, "subscribe-usage", language), cancellationToken);
            return;
        }

        if (TimeZones.Find(request.Zone) is not { } zone)
        {
            await outbox.SendReplyAsync(target, PageRenderer.Notice(texts, "subscribe-unknown-zone", language, ("zone", request.Zone)), cancellationToken);
            return;
        }

        var subscription = new Subscription(message.Chat.Id, target.ThreadId, request.At, zone.Id, language);

        // Written (durably) before it is confirmed, as /lang.
        await subscriptions.SubscribeAsync(subscription, cancellationToken);
        LogSubscribed(message.Chat.Id, target.ThreadId, request.At, zone.Id);
        poster.Wake();
        await outbox.SendReplyAsync(target, Describe("subscribe-done", subscription, zone, language), cancellationToken);
    }

    public async Task UnsubscribeAsync(Message message, ChatTarget target, Language language, CancellationToken cancellationToken)
    {
        var texts = knowledge.Facts.Texts;
        if (!await MayChangeAsync(message, cancellationToken))
        {
            await outbox.SendReplyAsync(target, PageRenderer.Notice(texts, "admins-only", language), cancellationToken);
            return;
        }

        var ended = await subscriptions.UnsubscribeAsync(message.Chat.Id, cancellationToken);
        if (ended)
        {
            LogUnsubscribed(message.Chat.Id);
            poster.Wake();
        }

        await outbox.SendReplyAsync(target, PageRenderer.Notice(texts, ended ? "unsubscribe-done" : "unsubscribe-none", language), cancellationToken);
    }

    /// <summary>/subscription: the state, and the date of the next post.</summary>
    public async Task ShowAsync(Message message, ChatTarget target, Language language, CancellationToken cancellationToken)
    {
        var texts = knowledge.Facts.Texts;
        var reply = await subscriptions.GetAsync(message.Chat.Id, cancellationToken) is { } subscription && TimeZones.Find(subscription.Zone) is { } zone
            ? Describe("subscription-on", subscription, zone, language)
            : PageRenderer.Notice(texts, "subscription-off", language);
        await outbox.SendReplyAsync(target, reply, cancellationToken);
    }

    /// <summary>The service message of a group that became a supergroup: its subscription follows it.</summary>
    public async Task MigratedAsync(long fromChatId, long toChatId, CancellationToken cancellationToken)
    {
        await subscriptions.MoveAsync(fromChatId, toChatId, cancellationToken);
        LogMoved(fromChatId, toChatId);
        poster.Wake();
    }

    /// <summary>The date of the next post: today's if it has anniversaries and its time has not come, else the next day that has.</summary>
    public static DateOnly? NextPostDate(Knowledge.Facts.FactBase facts, TimeOnly at, TimeZoneInfo zone, DateTimeOffset now)
    {
        var today = PostSchedule.LocalDate(now, zone);
        return AnniversaryCalendar.On(facts, today).Count > 0 && PostSchedule.DueAt(today, at, zone) > now
            ? today
            : AnniversaryCalendar.Next(facts, today.AddDays(1));
    }

    private Reply Describe(string key, Subscription subscription, TimeZoneInfo zone, Language language)
    {
        var facts = knowledge.Facts;
        var next = NextPostDate(facts, subscription.At, zone, time.GetUtcNow());
        return PageRenderer.Notice(
            facts.Texts,
            key,
            language,
            ("time", subscription.At.ToString("HH:mm", CultureInfo.InvariantCulture)),
            ("zone", zone.Id),
            ("next", next is { } date ? AnniversaryRenderer.Date(date, language) : "—"));
    }

    /// <summary>
    /// Anyone in a private chat; in a channel whoever can post (its administrators); in a group an administrator or
    /// its owner, as Telegram says (getChatMember), or an anonymous administrator (who writes as the group itself).
    /// When Telegram cannot be asked, the answer is no.
    /// </summary>
    private async Task<bool> MayChangeAsync(Message message, CancellationToken cancellationToken)
    {
        if (message.Chat.Type is ChatType.Private or ChatType.Channel || message.SenderChat?.Id == message.Chat.Id)
        {
            return true;
        }

        if (message.From is not { } from)
        {
            return false;
        }

        ChatMember? member = null;
        await outbox.CallAsync(async ct => member = await bot.GetChatMember(message.Chat.Id, from.Id, ct), cancellationToken);
        return member is { Status: ChatMemberStatus.Administrator or ChatMemberStatus.Creator };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat {ChatId} (topic {ThreadId}) subscribed: posts at {At} {Zone}")]
    private partial void LogSubscribed(long chatId, int? threadId, TimeOnly at, string zone);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat {ChatId} unsubscribed")]
    private partial void LogUnsubscribed(long chatId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat {ChatId} became supergroup {NewChatId}: its subscription, if any, moved there")]
    private partial void LogMoved(long chatId, long newChatId);
}
