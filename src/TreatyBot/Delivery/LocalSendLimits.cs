using Microsoft.Extensions.Options;

namespace TreatyBot.Delivery;

/// <summary>
/// The limits of one bot process, kept in memory, as sliding windows the way Telegram counts: at most
/// <see cref="DeliveryOptions.PerChatBurst"/> sends to one chat in any <c>PerChatBurst / PerChatPerSecond</c> seconds (a
/// burst, then about one a second), <see cref="DeliveryOptions.PerGroupPerMinute"/> to one group or channel in any
/// minute, and <see cref="DeliveryOptions.GlobalPerSecond"/> in all in any second, each widened by
/// <see cref="SendWindows.NetworkMargin"/>. A send is counted in its chat's, group's and the bot's windows at once,
/// when all have room, so a chat's count is the time its send really leaves: counted in the chat's window first, sends
/// that then waited for the bot-wide window left bunched. Sends take the bot-wide window in turn, in the order they
/// came; one that waits for its own chat or group gives up its turn meanwhile. Waiters are queued, never dropped. With
/// <see cref="DeliveryOptions.RateLimitsEnabled"/> off (benchmarks) nothing waits.
/// </summary>
internal sealed class LocalSendLimits : ISendLimits, IDisposable
{
    /// <summary>After this many sends, the windows of chats that have been quiet for a whole window are forgotten.</summary>
    private const int SweepEvery = 1024;

    private readonly DeliveryOptions settings;
    private readonly TimeProvider time;
    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly Lock gate = new();
    private readonly Queue<DateTimeOffset> global = new();
    private readonly Dictionary<long, Queue<DateTimeOffset>> chats = [];
    private readonly Dictionary<long, Queue<DateTimeOffset>> groups = [];
    private readonly TimeSpan chatWindow;
    private int sinceSweep;

    public LocalSendLimits(IOptions<DeliveryOptions> options, TimeProvider time)
    {
        settings = options.Value;
        this.time = time;
        chatWindow = SendWindows.Chat(settings);
    }

    public Task WaitAsync(long chatId, CancellationToken cancellationToken) => TakeAsync(chatId, cancellationToken);

    /// <summary>Waits until the send may leave and counts it; returns the time it was counted at.</summary>
    public Task<DateTimeOffset> TakeAsync(long chatId, CancellationToken cancellationToken) =>
        settings.RateLimitsEnabled
            ? SendWindows.TakeInTurnAsync(turn, () => new ValueTask<(TimeSpan, bool, DateTimeOffset)>(TryTake(chatId)), time, cancellationToken)
            : Task.FromResult(time.GetUtcNow());

    public void Dispose() => turn.Dispose();

    /// <summary>
    /// Counts the send in every window it is subject to if all have room (zero wait); otherwise counts nothing and says
    /// how long until the window in the way has room, and whether that is the bot-wide one.
    /// </summary>
    private (TimeSpan Wait, bool Global, DateTimeOffset At) TryTake(long chatId)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            var chat = Window(chats, chatId);
            var group = chatId < 0 ? Window(groups, chatId) : null;
            var waitChat = Wait(chat, settings.PerChatBurst, chatWindow, now);
            var waitGroup = group is null ? TimeSpan.Zero : Wait(group, settings.PerGroupPerMinute, SendWindows.Group, now);
            var waitGlobal = Wait(global, settings.GlobalPerSecond, SendWindows.Global, now);
            var own = waitChat > waitGroup ? waitChat : waitGroup;
            if (own > TimeSpan.Zero || waitGlobal > TimeSpan.Zero)
            {
                return own >= waitGlobal ? (own, false, now) : (waitGlobal, true, now);
            }

            chat.Enqueue(now);
            group?.Enqueue(now);
            global.Enqueue(now);
            if (++sinceSweep >= SweepEvery)
            {
                sinceSweep = 0;
                Sweep(chats, chatWindow, now);
                Sweep(groups, SendWindows.Group, now);
            }

            return (TimeSpan.Zero, false, now);
        }
    }

    private static Queue<DateTimeOffset> Window(Dictionary<long, Queue<DateTimeOffset>> windows, long chatId)
    {
        if (!windows.TryGetValue(chatId, out var window))
        {
            windows[chatId] = window = new Queue<DateTimeOffset>();
        }

        return window;
    }

    /// <summary>Forgets what is a whole window old; how long until the window has room (zero when it has).</summary>
    private static TimeSpan Wait(Queue<DateTimeOffset> window, int limit, TimeSpan length, DateTimeOffset now)
    {
        while (window.Count > 0 && now - window.Peek() >= length)
        {
            window.Dequeue();
        }

        return window.Count < limit ? TimeSpan.Zero : window.ElementAt(window.Count - limit) + length - now;
    }

    private static void Sweep(Dictionary<long, Queue<DateTimeOffset>> windows, TimeSpan length, DateTimeOffset now)
    {
        foreach (var (id, window) in windows)
        {
            if (window.Count == 0 || now - window.Last() >= length)
            {
                windows.Remove(id);
            }
        }
    }
}
