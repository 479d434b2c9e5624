using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TreatyBot.Delivery;
using TreatyBot.Storage;
using TreatyBot.Telemetry;

namespace TreatyBot.Receiving;

/// <summary>
/// Which replica handles an update Telegram delivered to several of them, or again to another one: the first to claim
/// its id in Redis; the others skip it. Used in webhook mode with <c>Storage:Provider=redis</c> (a poller is alone with
/// its token and has its own window, so nothing is claimed then). A claim is one bit in a bitmap of 65,536 update ids
/// (<c>SETBIT</c> says whether it was set already; 8 KiB per key), and a bitmap expires <see cref="Window"/> after its
/// last claim: Telegram keeps an update at most that long, so it cannot come again later. The claim is made when a
/// replica starts on the update, before it answers: a replica that dies midway leaves it unanswered, as a single bot
/// that dies after answering the webhook's 200 does. While Redis is away (logged once by <see cref="RedisConnection"/>)
/// each replica relies on its own window and remembers what it handled (as many ids as
/// <see cref="DeliveryOptions.HandledWindow"/>); once Redis is back those ids are claimed there, so a redelivery to
/// another replica is skipped too. An update delivered to two replicas during the outage may be answered by both.
/// </summary>
internal sealed partial class UpdateClaims : IDisposable
{
    /// <summary>How long a claim is kept after the newest claim of its bitmap: Telegram's own limit on keeping an update.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    private const int BucketBits = 16;

    // KEYS[1] the bitmap; ARGV[1] the id's bit in it, ARGV[2] the expiry in seconds. Returns the bit as it was: 0 when
    // this call claimed the id, 1 when it was claimed before.
    private const string Script = """
        local old = redis.call('SETBIT', KEYS[1], ARGV[1], 1)
        redis.call('EXPIRE', KEYS[1], ARGV[2])
        return old
        """;

    private readonly RedisConnection connection;
    private readonly BotMetrics metrics;
    private readonly ILogger<UpdateClaims> logger;
    private readonly bool enabled;
    private readonly int remembered;
    private readonly Lock gate = new();
    private readonly HashSet<int> pending = [];
    private readonly Queue<int> pendingOrder = new();
    private int catchingUp;

    public UpdateClaims(RedisConnection connection, IOptions<BotOptions> bot, IOptions<DeliveryOptions> delivery, BotMetrics metrics, ILogger<UpdateClaims> logger)
    {
        this.connection = connection;
        this.metrics = metrics;
        this.logger = logger;
        enabled = bot.Value.Mode == BotMode.Webhook;
        remembered = delivery.Value.HandledWindow;
        connection.Restored += OnRestored;
    }

    /// <summary>
    /// True when this replica is to handle <paramref name="updateId"/>: it claimed it, or Redis is away (the id is then
    /// remembered for the catch-up); false when another replica claimed it first. Never waits for a dead server.
    /// </summary>
    public async Task<bool> ClaimAsync(int updateId)
    {
        if (!enabled)
        {
            return true;
        }

        try
        {
            var claimed = await connection.RunAsync(db => ClaimAsync(db, updateId));
            if (Pending > 0)
            {
                // Redis answers again, maybe without the connection having noticed it was away: catch up now.
                _ = CatchUpAsync();
            }

            return claimed;
        }
        catch (Exception ex) when (RedisConnection.IsOutage(ex) || ex is RedisException)
        {
            // Better answered twice than never: any failure of the claim lets this replica handle the update (an outage
            // is noted on the connection by RunAsync; anything else is logged here).
            if (!RedisConnection.IsOutage(ex))
            {
                LogClaimFailed(ex, updateId);
            }

            metrics.RedisFallback("update_claims");
            Remember(updateId);
            return true;
        }
    }

    public void Dispose() => connection.Restored -= OnRestored;

    /// <summary>Claims the ids handled while Redis was away; those it cannot write stay for the next attempt.</summary>
    public async Task CatchUpAsync()
    {
        if (Interlocked.Exchange(ref catchingUp, 1) == 1)
        {
            return;
        }

        try
        {
            int[] ids;
            lock (gate)
            {
                ids = [.. pendingOrder];
            }

            if (ids.Length == 0)
            {
                return;
            }

            await connection.RunAsync(db => Task.WhenAll(ids.Select(id => ClaimAsync(db, id))));
            lock (gate)
            {
                foreach (var id in ids)
                {
                    pending.Remove(id);
                }

                var left = pendingOrder.Where(pending.Contains).ToList();
                pendingOrder.Clear();
                left.ForEach(pendingOrder.Enqueue);
            }

            LogCaughtUp(ids.Length);
        }
        catch (Exception ex) when (RedisConnection.IsOutage(ex))
        {
            // Noted on the connection by RunAsync; the ids stay for the next time Redis is back.
        }
        catch (Exception ex)
        {
            // Runs on its own (on Redis's return): nobody else would see it fail.
            LogCatchUpFailed(ex);
        }
        finally
        {
            Volatile.Write(ref catchingUp, 0);
        }
    }

    /// <summary>How many ids handled while Redis was away are still to be claimed there.</summary>
    public int Pending
    {
        get
        {
            lock (gate)
            {
                return pending.Count;
            }
        }
    }

    private async Task<bool> ClaimAsync(IDatabase database, int updateId)
    {
        // Update ids are positive and grow by one per update: consecutive ids share a bitmap.
        var id = (uint)updateId;
        var key = connection.Key("updates:" + (id >> BucketBits).ToString(CultureInfo.InvariantCulture));
        var bit = id & ((1u << BucketBits) - 1);
        var before = (long)await database.ScriptEvaluateAsync(Script, [key], [bit, (long)Window.TotalSeconds]);
        return before == 0;
    }

    private void Remember(int updateId)
    {
        lock (gate)
        {
            if (!pending.Add(updateId))
            {
                return;
            }

            pendingOrder.Enqueue(updateId);
            while (pendingOrder.Count > remembered)
            {
                pending.Remove(pendingOrder.Dequeue());
            }
        }
    }

    private void OnRestored() => _ = CatchUpAsync();

    [LoggerMessage(Level = LogLevel.Information, Message = "Claimed in Redis the {Count} update id(s) handled while it was away")]
    private partial void LogCaughtUp(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not claim update {UpdateId} in Redis; handled here")]
    private partial void LogClaimFailed(Exception exception, int updateId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not claim in Redis the update ids handled while it was away; they stay for the next attempt")]
    private partial void LogCatchUpFailed(Exception exception);
}
