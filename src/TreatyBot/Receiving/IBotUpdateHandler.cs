using Telegram.Bot.Types;

namespace TreatyBot.Receiving;

/// <summary>
/// The seam between transport and logic: the <see cref="UpdateDispatcher"/> (fed by the poller or the webhook)
/// hands every update to this. <c>UpdateRouter</c> is the bot; the load benchmark puts an echo bot here to
/// measure what the transport alone costs. An implementation contains its own failures.
/// </summary>
internal interface IBotUpdateHandler
{
    Task HandleAsync(Update update, CancellationToken cancellationToken);
}
