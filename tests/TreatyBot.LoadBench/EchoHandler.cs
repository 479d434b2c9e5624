using Telegram.Bot.Types;
using TreatyBot.Telegram;

namespace TreatyBot.LoadBench;

/// <summary>
/// The baseline: a bot that replies to a text message with its text, escaped, through the same
/// <see cref="ReplySender"/>, Outbox, client, dispatcher and poller as the real bot. Only the answering is missing.
/// </summary>
public sealed class EchoHandler(ReplySender sender) : IBotUpdateHandler
{
    public Task HandleAsync(Update update, CancellationToken cancellationToken) =>
        update?.Message is { Text: { } text } message
            ? sender.SendAsync(ChatTarget.For(message), new Reply(Escape(text)), cancellationToken)
            : Task.CompletedTask;

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
