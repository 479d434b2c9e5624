using Telegram.Bot.Types;

namespace TreatyBot.Telegram;

/// <summary>
/// The seam between transport and logic: the <see cref="Delivery.UpdateDispatcher"/> (fed by the poller or the webhook)
/// hands every update to this. <see cref="UpdateHandler"/> is the bot; the load benchmark puts an echo bot here to
/// measure what the transport alone costs. An implementation contains its own failures.
/// </summary>
public interface IBotUpdateHandler
{
    Task HandleAsync(Update update, CancellationToken cancellationToken);
}
