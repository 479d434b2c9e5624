using TreatyBot.Tests.Fakes;

namespace TreatyBot.Tests.Hosting;

/// <summary>An answered question costs the log no lines of routine: only what an operator acts on is above Debug.</summary>
public sealed class LogNoiseTests
{
    [Fact]
    public async Task AnsweredQuestion_LeavesNoPollyLineAboveDebug()
    {
        var logs = new CapturingLoggerProvider();
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api, logs: logs);

        api.EnqueueText(userId: 31, "Когда подписан договор?");
        await api.WaitForAsync("sendMessage", 1);
        api.EnqueueText(userId: 31, "/start");
        await api.WaitForAsync("sendMessage", 2);

        Assert.Contains(logs.Lines, line => line.Contains("TreatyBot.Conversations.AnsweredQuestions", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(" Polly:", StringComparison.Ordinal)
            && !line.StartsWith("Debug", StringComparison.Ordinal) && !line.StartsWith("Trace", StringComparison.Ordinal));
    }
}
