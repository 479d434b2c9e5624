using Telegram.Bot.Types;

namespace TreatyBot.Delivery;

/// <summary>Where a reply goes: the chat, the forum topic, and the message it answers.</summary>
internal sealed record ChatTarget(ChatId Chat, int? ThreadId = null, int? ReplyTo = null)
{
    public static ChatTarget For(Message message)
    {
        return new(message.Chat.Id, message.IsTopicMessage ? message.MessageThreadId : null, message.Id);
    }
}
