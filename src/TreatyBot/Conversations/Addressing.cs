using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using TreatyBot.Receiving;

namespace TreatyBot.Conversations;

/// <summary>A message meant for the bot: a command for it, or a question (with the bot's @mention taken out).</summary>
internal sealed record Addressed(ParsedCommand? Command, string Question);

/// <summary>
/// Decides whether a message in a group or channel is meant for the bot: <c>/ask</c> or <c>/ask@ThisBot</c>, an
/// @mention of the bot, or a reply to one of its messages. Other chatter, and commands for other bots, are not.
/// Works with privacy mode on: these are exactly the messages Telegram delivers then.
/// </summary>
internal static class Addressing
{
    public static Addressed? Read(Message message, BotIdentity me, bool repliesCount = true)
    {
        if (message.Text is not { } text)
        {
            return null;
        }

        if (ParsedCommand.Parse(text) is { } command)
        {
            return command.IsFor(me.Username) ? new Addressed(command, WithoutMention(command.Argument, message, me)) : null;
        }

        var mentioned = Mentions(message, me).Any();
        var repliedTo = repliesCount && message.ReplyToMessage?.From?.Id == me.Id && me.Id != 0;
        return mentioned || repliedTo ? new Addressed(null, WithoutMention(text, message, me)) : null;
    }

    /// <summary>The text with the bot's @username taken out wherever it occurs.</summary>
    public static string WithoutMention(string text, Message message, BotIdentity me)
    {
        return me.Username is { } name
            ? text.Replace("@" + name, " ", StringComparison.OrdinalIgnoreCase).Trim()
            : text.Trim();
    }

    private static IEnumerable<MessageEntity> Mentions(Message message, BotIdentity me) =>
        (message.Entities ?? []).Where(e =>
            (e.Type == MessageEntityType.Mention && me.Username is { } name && e.Offset + e.Length <= message.Text!.Length
                && string.Equals(message.Text.Substring(e.Offset, e.Length), "@" + name, StringComparison.OrdinalIgnoreCase))
            || (e.Type == MessageEntityType.TextMention && e.User?.Id == me.Id));
}
