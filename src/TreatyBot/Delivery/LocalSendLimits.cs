using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace TreatyBot.Delivery;

/// <summary>
/// The limits of one bot process, kept in memory: a token bucket per chat (<see cref="DeliveryOptions.PerChatBurst"/> at
/// once, then <see cref="DeliveryOptions.PerChatPerSecond"/>), a sliding window per group and one for the bot, so no
/// minute of a group and no second of the bot holds more than Telegram allows. Waiters are queued, never dropped. With
/// <see cref="DeliveryOptions.RateLimitsEnabled"/> off (benchmarks) nothing waits.
/// </summary>
internal sealed class LocalSendLimits : ISendLimits, IDisposable
{
    private readonly PartitionedRateLimiter<long>? perChat;
    private readonly SlidingWindowGate? global;
    private readonly ConcurrentDictionary<long, SlidingWindowGate> groups = new();
    private readonly int perGroupPerMinute;
    private readonly TimeProvider time;

    public LocalSendLimits(IOptions<DeliveryOptions> options, TimeProvider time)
    {
        var settings = options.Value;
        this.time = time;
        perGroupPerMinute = settings.PerGroupPerMinute;
        if (settings.RateLimitsEnabled)
        {
            perChat = PartitionedRateLimiter.Create<long, long>(chat => RateLimitPartition.GetTokenBucketLimiter(chat, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = settings.PerChatBurst,
                TokensPerPeriod = settings.PerChatPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }));
            global = new SlidingWindowGate(settings.GlobalPerSecond, TimeSpan.FromSeconds(1), time);
        }
    }

    public async Task WaitAsync(long chatId, CancellationToken cancellationToken)
    {
        if (perChat is null || global is null)
        {
            return;
        }

        // A token bucket's lease holds nothing once acquired: disposing it at once returns no token.
        using var lease = await perChat.AcquireAsync(chatId, 1, cancellationToken);

        // Groups and channels (negative ids): at most PerGroupPerMinute in any minute; then the bot-wide limit.
        if (chatId < 0)
        {
            await groups.GetOrAdd(chatId, _ => new SlidingWindowGate(perGroupPerMinute, TimeSpan.FromMinutes(1), time)).WaitAsync(cancellationToken);
        }

        await global.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        perChat?.Dispose();
        global?.Dispose();
        foreach (var gate in groups.Values)
        {
            gate.Dispose();
        }
    }
}
