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
}
