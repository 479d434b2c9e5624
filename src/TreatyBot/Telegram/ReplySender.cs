using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;
using TreatyBot.Delivery;
using TreatyBot.Rendering;

namespace TreatyBot.Telegram;

/// <summary>Where a reply goes: the chat, the forum topic, and the message it answers.</summary>
public sealed record ChatTarget(ChatId Chat, int? ThreadId = null, int? ReplyTo = null)
{
    public static ChatTarget For(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.Chat.Id, message.IsTopicMessage ? message.MessageThreadId : null, message.Id);
    }
}

/// <summary>A reply in Telegram HTML, with optional buttons under it.</summary>
public sealed record Reply(string Html, InlineKeyboardMarkup? Keyboard = null);

/// <summary>
/// Sends replies: long ones split into several messages without breaking tags (the buttons go under the last), as a
/// reply to the question when there is one (still sent if it was deleted), in its forum topic, link previews off.
/// Every message goes through the <see cref="Outbox"/>: rate limits, 429 holds, retries.
/// </summary>
public sealed class ReplySender(ITelegramBotClient bot, Outbox outbox)
{
    private static readonly LinkPreviewOptions NoPreview = new() { IsDisabled = true };

    /// <summary>Sends the reply; once a part cannot be delivered, the rest is not sent.</summary>
    public async Task SendAsync(ChatTarget target, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(reply);
        var parts = HtmlSplitter.Split(reply.Html);
        for (var i = 0; i < parts.Count; i++)
        {
            var text = parts[i];
            var replyTo = i == 0 && target.ReplyTo is { } id ? new ReplyParameters { MessageId = id, AllowSendingWithoutReply = true } : null;
            var keyboard = i == parts.Count - 1 ? reply.Keyboard : null;
            var request = new CompactSendMessageRequest
            {
                ChatId = target.Chat,
                Text = text,
                ParseMode = ParseMode.Html,
                ReplyParameters = replyTo,
                ReplyMarkup = keyboard,
                LinkPreviewOptions = NoPreview,
                MessageThreadId = target.ThreadId,
            };
            var sent = await outbox.SendMessageAsync(target.Chat.Identifier ?? 0, ct => bot.SendRequest(request, ct), cancellationToken);
            if (!sent)
            {
                return;
            }
        }
    }
}
