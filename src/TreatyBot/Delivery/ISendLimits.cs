namespace TreatyBot.Delivery;

/// <summary>
/// Telegram's limits on outgoing messages — about one a second per chat (with a small burst), 20 a minute per group or
/// channel, 30 a second in all — as the <see cref="Outbox"/> waits for them. <see cref="LocalSendLimits"/> counts this
/// process's sends; <see cref="RedisSendLimits"/> counts the sends of every replica sharing a Redis server.
/// </summary>
internal interface ISendLimits
{
    /// <summary>Waits until one more message to <paramref name="chatId"/> is within every limit, and counts it.</summary>
    Task WaitAsync(long chatId, CancellationToken cancellationToken);
}
