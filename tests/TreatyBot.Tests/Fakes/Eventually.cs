namespace TreatyBot.Tests.Fakes;

/// <summary>Waits for something the bot does in the background, without fixed sleeps.</summary>
public static class Eventually
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (!condition())
        {
            await Task.Delay(50, cts.Token);
        }
    }

    /// <summary>Waits until an asynchronous check holds, such as a command that has to get its answer.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            await Task.Delay(50, cts.Token);
        }
    }
}
