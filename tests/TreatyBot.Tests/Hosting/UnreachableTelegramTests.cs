using TreatyBot.Tests.Fakes;

namespace TreatyBot.Tests.Hosting;

/// <summary>While Telegram cannot be reached, the log says so in one line per attempt; the stack trace is for Debug.</summary>
public sealed class UnreachableTelegramTests
{
    [Fact]
    public async Task TelegramUnreachable_EachRetryIsOneWarningLine_WithTheReason()
    {
        var logs = new CapturingLoggerProvider();
        await using var api = await FakeBotApi.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            // Nothing listens on port 1 of loopback: every call is refused at once.
            ["Bot:ApiBaseUrl"] = "http://127.0.0.1:1",
            ["Delivery:PollBackoffInitialMilliseconds"] = "50",
            ["Delivery:PollBackoffMaxMilliseconds"] = "100",
        };
        await using var bot = await BotHost.StartAsync(api, settings, logs);

        await Eventually.UntilAsync(() => Warnings(logs).Count >= 3);
        foreach (var warning in Warnings(logs))
        {
            Assert.Contains("refused", warning, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain('\n', warning);
            Assert.DoesNotContain(" | ", warning, StringComparison.Ordinal);
        }

        // The detail is there for whoever turns on Debug.
        Assert.Contains(logs.Lines, line => line.StartsWith("Debug", StringComparison.Ordinal) && line.Contains(" | ", StringComparison.Ordinal));
    }

    private static List<string> Warnings(CapturingLoggerProvider logs) =>
        [.. logs.Lines.Where(line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("failed", StringComparison.Ordinal))];
}
