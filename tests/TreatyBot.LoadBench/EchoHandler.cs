using Telegram.Bot.Types;
using TreatyBot.Delivery;
using TreatyBot.Receiving;
using TreatyBot.Rendering;

namespace TreatyBot.LoadBench;

/// <summary>
/// The baseline: a bot that replies to a text message with its text, escaped, through the same
/// Outbox, client, dispatcher and poller as the real bot. Only the answering is missing.
/// </summary>
internal sealed class EchoHandler(Outbox outbox) : IBotUpdateHandler
{
    public Task HandleAsync(Update update, CancellationToken cancellationToken) =>
        update?.Message is { Text: { } text } message
            ? outbox.SendReplyAsync(ChatTarget.For(message), new Reply(Escape(text)), cancellationToken)
            : Task.CompletedTask;

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
