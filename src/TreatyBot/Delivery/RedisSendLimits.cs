using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TreatyBot.Storage;
using TreatyBot.Telemetry;

namespace TreatyBot.Delivery;

/// <summary>
/// Telegram's limits counted for every replica together, in Redis (<see cref="RedisSlidingWindow"/>): at most
/// <see cref="DeliveryOptions.GlobalPerSecond"/> sends in any second in all, <see cref="DeliveryOptions.PerGroupPerMinute"/>
/// in any minute to one group or channel, and <see cref="DeliveryOptions.PerChatBurst"/> to one chat in any
/// <c>PerChatBurst / PerChatPerSecond</c> seconds (a burst, then about one a second), as <see cref="LocalSendLimits"/> counts.
/// Every window is widened by <see cref="SendWindows.NetworkMargin"/>, as the local ones are.
/// This process's sends take the bot-wide window one at a time, in the order they came. When Redis is away (logged once
/// by <see cref="RedisConnection"/>) a send waits for <see cref="LocalSendLimits"/> instead: each replica then keeps the
/// limits on its own, so together they may go over them until Redis is back (Telegram's 429s are still waited out).
/// </summary>
internal sealed class RedisSendLimits(
    RedisConnection connection,
    LocalSendLimits local,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    BotMetrics metrics) : ISendLimits, IDisposable
{
    private readonly SemaphoreSlim globalTurn = new(1, 1);

    private DeliveryOptions Settings => options.Value;

    public async Task WaitAsync(long chatId, CancellationToken cancellationToken)
    {
        if (!Settings.RateLimitsEnabled)
        {
            return;
        }

        try
        {
            await connection.RunAsync(db => WaitSharedAsync(db, chatId, cancellationToken));
            return;
        }
        catch (Exception ex) when (RedisConnection.IsOutage(ex))
        {
            // RunAsync noted the outage on the connection; this process's limits apply meanwhile.
            metrics.RedisFallback("send_limits");
        }

        await local.WaitAsync(chatId, cancellationToken);
    }

    public void Dispose() => globalTurn.Dispose();

    /// <summary>
    /// Waits until the chat's window, the group's (for a group) and the bot's all have room, and counts the send in all of
    /// them at once. Sends of this process take the bot-wide window in turn (first come, first served); one that waits
    /// for its own chat or group lets the others go meanwhile.
    /// </summary>
    private async Task WaitSharedAsync(IDatabase database, long chatId, CancellationToken cancellationToken)
    {
        var chat = chatId.ToString(CultureInfo.InvariantCulture);
        var settings = Settings;
        List<RedisSlidingWindow.Window> windows = [new(connection.Key("send:chat:" + chat), settings.PerChatBurst, SendWindows.Chat(settings))];
        if (chatId < 0)
        {
            windows.Add(new(connection.Key("send:group:" + chat), settings.PerGroupPerMinute, SendWindows.Group));
        }

        windows.Add(new(connection.Key("send:all"), settings.GlobalPerSecond, SendWindows.Global));
        var global = windows.Count - 1;
        await SendWindows.TakeInTurnAsync(
            globalTurn,
            async () =>
            {
                var (wait, blocker) = await RedisSlidingWindow.TryTakeAsync(database, windows);
                return (wait, blocker == global, true);
            },
            time,
            cancellationToken);
    }
}
