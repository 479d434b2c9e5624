using System.Text.Json.Nodes;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.Tests.Conversations;

/// <summary>A group that becomes a supergroup gets a new chat id; the language it chose goes with it.</summary>
public sealed class SupergroupMigrationTests
{
    [Fact]
    public async Task GroupThatBecameASupergroup_KeepsItsLanguage()
    {
        using var logs = new CapturingLoggerProvider();
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api, logs: logs);
        var group = new JsonObject { ["id"] = -901, ["type"] = "group", ["title"] = "Club" };

        api.EnqueueText(userId: 7, "/lang en", chat: group);
        await api.WaitForAsync("sendMessage", 1);
        api.EnqueueMigration(-901, -100901);

        // Updates of two chats run side by side: the question waits until the move is done (the language moves first).
        await Eventually.UntilAsync(() => logs.Lines.Any(l => l.Contains("Chat -901 became supergroup -100901", StringComparison.Ordinal)));
        api.EnqueueText(userId: 7, "/ask Когда подписан Пекинский договор?", chat: FakeBotApi.Group(-100901));
        var reply = (await api.WaitForAsync("sendMessage", 2))[1];

        Assert.Equal(-100901, reply.ChatId);
        Assert.Contains("20 January 1925", reply.Text, StringComparison.Ordinal);
    }
}
