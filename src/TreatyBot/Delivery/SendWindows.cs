namespace TreatyBot.Delivery;

/// <summary>
/// What <see cref="LocalSendLimits"/> and <see cref="RedisSendLimits"/> share: the lengths of the sliding windows a
/// send is counted in (a chat's, a group's, the bot's, each widened by <see cref="NetworkMargin"/>) and the way a send
/// waits for them — in turn for the bot-wide window, so a process's sends leave in the order they came, and outside the
/// turn for its own chat or group, so other chats' sends are not held up.
/// </summary>
internal static class SendWindows
{
    /// <summary>Sends reach Telegram a little after they leave: so much more spacing keeps its windows within the limits.</summary>
    public static readonly TimeSpan NetworkMargin = TimeSpan.FromMilliseconds(200);

    /// <summary>A group's or channel's window: <see cref="DeliveryOptions.PerGroupPerMinute"/> in any minute.</summary>
    public static readonly TimeSpan Group = TimeSpan.FromMinutes(1) + NetworkMargin;

    /// <summary>The bot's window: <see cref="DeliveryOptions.GlobalPerSecond"/> in any second.</summary>
    public static readonly TimeSpan Global = TimeSpan.FromSeconds(1) + NetworkMargin;

    /// <summary>A chat's window: <see cref="DeliveryOptions.PerChatBurst"/> in any <c>PerChatBurst / PerChatPerSecond</c> seconds.</summary>
    public static TimeSpan Chat(DeliveryOptions settings) =>
        TimeSpan.FromSeconds((double)settings.PerChatBurst / settings.PerChatPerSecond) + NetworkMargin;

    /// <summary>
    /// Tries <paramref name="tryTake"/> until it counts the send (zero wait), and returns what it returned then. While the
    /// bot-wide window is in the way the caller keeps <paramref name="turn"/>; while its own chat's or group's is, it
    /// waits without it.
    /// </summary>
    public static async Task<T> TakeInTurnAsync<T>(
        SemaphoreSlim turn,
        Func<ValueTask<(TimeSpan Wait, bool Global, T Taken)>> tryTake,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            await turn.WaitAsync(cancellationToken);
            TimeSpan wait;
            try
            {
                while (true)
                {
                    (wait, var global, var taken) = await tryTake();
                    if (wait <= TimeSpan.Zero)
                    {
                        return taken;
                    }

                    if (!global)
                    {
                        break;
                    }

                    // The bot-wide window is full: keep the turn, so sends leave in the order they came.
                    await Task.Delay(wait, time, cancellationToken);
                }
            }
            finally
            {
                turn.Release();
            }

            // This chat's or group's window is full: wait outside the turn, so other chats' sends are not held up.
            await Task.Delay(wait, time, cancellationToken);
        }
    }
}
