using System.Text.Json.Nodes;
using TreatyBot.Tests.Fakes;
using TreatyBot.Tests.Rendering;

namespace TreatyBot.Tests.Conversations;

/// <summary>Groups, forum topics, channels, inline mode and command menus, through the fake Bot API.</summary>
public sealed class GroupsChannelsInlineTests
{
    private const long GroupId = -100200300;

    [Fact]
    public async Task GroupAskWithBotName_InATopic_IsAnsweredInThatTopicAsAReply()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api);

        var topic = new JsonObject { ["message_thread_id"] = 77, ["is_topic_message"] = true };
        api.EnqueueText(userId: 20, $"/ask@{FakeBotApi.BotUsername} когда подписан пекинский договор", chat: FakeBotApi.Group(GroupId, forum: true), extra: topic);
        var reply = Assert.Single(await api.WaitForAsync("sendMessage", 1));

        Assert.Equal(GroupId, reply.ChatId);
        Assert.Equal(77, reply.Body["message_thread_id"]?.GetValue<int>());
        Assert.NotNull(reply.Body["reply_parameters"]?["message_id"]);
        Assert.True(reply.Body["reply_parameters"]?["allow_sending_without_reply"]?.GetValue<bool>());
        Assert.Contains("20 января 1925", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupChatter_AndCommandsForAnotherBot_AreIgnored()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api);

        api.EnqueueText(userId: 21, "когда подписан пекинский договор", chat: FakeBotApi.Group(GroupId));
        api.EnqueueText(userId: 21, "/ask@OtherBot когда подписан договор", chat: FakeBotApi.Group(GroupId));
        api.EnqueueText(userId: 21, "/weather", chat: FakeBotApi.Group(GroupId));
        // A question the bot answers, so the test knows the three above have been handled before it.
        api.EnqueueText(userId: 21, "/ask кто подписал договор", chat: FakeBotApi.Group(GroupId));

        var sent = Assert.Single(await api.WaitForAsync("sendMessage", 1));
        await Eventually.UntilAsync(() => api.Unconfirmed().Count == 0);
        Assert.Contains("Карахан", sent.Text, StringComparison.Ordinal);
        Assert.Single(api.Sent());
    }

    [Fact]
    public async Task GroupMention_AndReplyToTheBot_AreAnswered()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api);

        var mention = $"@{FakeBotApi.BotUsername} кто подписал договор";
        api.EnqueueText(userId: 22, mention, chat: FakeBotApi.Group(GroupId), extra: new JsonObject
        {
            ["entities"] = new JsonArray(new JsonObject { ["type"] = "mention", ["offset"] = 0, ["length"] = FakeBotApi.BotUsername.Length + 1 }),
        });
        api.EnqueueText(userId: 22, "а когда его подписали?", chat: FakeBotApi.Group(GroupId), extra: new JsonObject
        {
            ["reply_to_message"] = new JsonObject
            {
                ["message_id"] = 500, ["date"] = 1_700_000_000, ["chat"] = FakeBotApi.Group(GroupId),
                ["from"] = new JsonObject { ["id"] = FakeBotApi.BotId, ["is_bot"] = true, ["first_name"] = "Treaty", ["username"] = FakeBotApi.BotUsername },
                ["text"] = "…",
            },
        });

        var sent = await api.WaitForAsync("sendMessage", 2);
        Assert.Contains("Карахан", sent[0].Text, StringComparison.Ordinal);
        Assert.All(sent, s => Assert.Equal(GroupId, s.ChatId));
    }

    [Fact]
    public async Task GroupStart_ExplainsGroupUsageBriefly()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api);

        api.EnqueueText(userId: 23, $"/start@{FakeBotApi.BotUsername}", chat: FakeBotApi.Group(GroupId));
        var reply = Assert.Single(await api.WaitForAsync("sendMessage", 1));

        Assert.Contains("/ask", reply.Text, StringComparison.Ordinal);
        Assert.Contains("@" + FakeBotApi.BotUsername, reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChannelPostWithAsk_IsAnsweredInTheChannel()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api);

        api.Enqueue(new JsonObject
        {
            ["channel_post"] = new JsonObject
            {
                ["message_id"] = 40, ["date"] = 1_700_000_000,
                ["chat"] = new JsonObject { ["id"] = -100999, ["type"] = "channel", ["title"] = "History" },
                ["text"] = "/ask когда подписан пекинский договор",
            },
        });
        api.Enqueue(new JsonObject
        {
            ["channel_post"] = new JsonObject
            {
                ["message_id"] = 41, ["date"] = 1_700_000_000,
                ["chat"] = new JsonObject { ["id"] = -100999, ["type"] = "channel", ["title"] = "History" },
                ["text"] = "Сегодня годовщина Пекинского договора",
            },
        });

        var reply = Assert.Single(await api.WaitForAsync("sendMessage", 1));
        await Eventually.UntilAsync(() => api.Unconfirmed().Count == 0);
        Assert.Equal(-100999, reply.ChatId);
        Assert.Contains("20 января 1925", reply.Text, StringComparison.Ordinal);
        Assert.Single(api.Sent());
    }

    [Fact]
    public async Task InlineQuery_ListsFactsTenPerPageWithPaging()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api);

        api.EnqueueInlineQuery(userId: 30, "договор");
        var first = Assert.Single(await api.WaitForAsync("answerInlineQuery", 1));
        var results = first.Body["results"]!.AsArray();
        Assert.Equal(10, results.Count);
        Assert.Equal("10", first.Body["next_offset"]?.GetValue<string>());
        Assert.NotEqual(true, first.Body["is_personal"]?.GetValue<bool>());
        Assert.True(first.Body["cache_time"]?.GetValue<int>() > 0);
        var article = results[0]!;
        Assert.Equal("article", article["type"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(article["description"]?.GetValue<string>()));
        Assert.Empty(TelegramHtml.Problems(article["input_message_content"]!["message_text"]!.GetValue<string>()));

        api.EnqueueInlineQuery(userId: 30, "договор", offset: "10");
        var second = (await api.WaitForAsync("answerInlineQuery", 2))[1];
        var firstIds = results.Select(r => r!["id"]!.GetValue<string>()).ToHashSet();
        Assert.All(second.Body["results"]!.AsArray(), r => Assert.DoesNotContain(r!["id"]!.GetValue<string>(), firstIds));
    }

    [Fact]
    public async Task InlineQuery_Empty_ShowsTheKeyFacts()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api);

        api.EnqueueInlineQuery(userId: 31, "", languageCode: "en");
        var answer = Assert.Single(await api.WaitForAsync("answerInlineQuery", 1));

        var results = answer.Body["results"]!.AsArray();
        Assert.InRange(results.Count, 5, 10);
        Assert.Contains(results, r => r!["input_message_content"]!["message_text"]!.GetValue<string>().Contains("20 January 1925", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_SetsCommandMenusForPrivateChatsAndGroupsInBothLanguages()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api);

        var calls = await api.WaitForAsync("setMyCommands", 6);

        var menus = calls.Select(c => (Scope: c.Body["scope"]?["type"]?.GetValue<string>(), Language: c.Body["language_code"]?.GetValue<string>(),
            Commands: c.Body["commands"]!.AsArray().Select(x => x!["command"]!.GetValue<string>()).ToList())).ToList();
        Assert.Contains(menus, m => m.Scope == "all_private_chats" && m.Language == "ru" && m.Commands.Contains("timeline"));
        Assert.Contains(menus, m => m.Scope == "all_private_chats" && m.Language == "en" && m.Commands.Contains("start"));
        Assert.Contains(menus, m => m.Scope == "all_group_chats" && m.Commands.SequenceEqual(["ask", "help", "today", "subscribe", "subscription", "unsubscribe"]));
        Assert.Contains(menus, m => m.Scope == "all_private_chats" && m.Commands.Contains("subscribe") && m.Commands.Contains("today"));
    }
}
