namespace TreatyBot.Receiving;

/// <summary>How updates reach the bot (<c>Bot:Mode</c>).</summary>
internal enum BotMode
{
    /// <summary>The bot long-polls getUpdates itself. One instance per token: two pollers make Telegram answer 409.</summary>
    Polling,

    /// <summary>Telegram POSTs updates to the bot's public HTTPS address; any number of replicas behind a load balancer.</summary>
    Webhook,
}
