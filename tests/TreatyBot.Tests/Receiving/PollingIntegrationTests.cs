using System.Text.Json.Nodes;
using TreatyBot.Tests.Conversations;
using TreatyBot.Tests.Fakes;
using TreatyBot.Tests.Rendering;

namespace TreatyBot.Tests.Receiving;

/// <summary>The whole bot — host, real TelegramBotClient, poller, handler, matcher — against a fake Bot API on loopback.</summary>
public sealed class PollingIntegrationTests
{
    [Fact]
    public async Task PrivateQuestion_IsAnsweredOnceWithTheCitedAnswerInHtml()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api);

        api.EnqueueText(userId: 4242, "Когда подписан Пекинский договор?");
        var sent = await api.WaitForAsync("sendMessage", 1);

        var reply = Assert.Single(sent);
        Assert.Equal(4242, reply.ChatId);
        Assert.Equal("HTML", reply.Body["parse_mode"]?.GetValue<string>(), ignoreCase: true);
        Assert.Empty(TelegramHtml.Problems(reply.Text!));
        Assert.Contains("20 января 1925", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Пекин", reply.Text, StringComparison.Ordinal);
        Assert.Contains("<blockquote expandable>", reply.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://", reply.Text, StringComparison.Ordinal);
        Assert.NotNull(reply.Body["reply_parameters"]?["message_id"]);
        Assert.True(reply.Body["link_preview_options"]?["is_disabled"]?.GetValue<bool>());

        // Nothing else is sent for that one message: a later message in the same chat is handled only once it is finished.
        api.EnqueueText(userId: 4242, "/start");
        await Eventually.UntilAsync(() => api.Sent().Any(c => c.Text!.Contains("Здравствуйте", StringComparison.Ordinal)));
        var all = api.Sent().ToList();
        Assert.Equal(2, all.Count);
        Assert.Contains("Здравствуйте", all[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_EnglishUser_GetsEnglishGreetingWithExamples()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api);

        api.EnqueueText(userId: 7, "/start", languageCode: "en");
        var reply = Assert.Single(await api.WaitForAsync("sendMessage", 1));

        Assert.Contains("Hello", reply.Text, StringComparison.Ordinal);
        Assert.Contains(PrivateChatTests.Buttons(reply), b => b.Text == "When was the Treaty of Peking signed?");
        Assert.Empty(TelegramHtml.Problems(reply.Text!));
    }

    [Fact]
    public async Task HandledUpdates_AreConfirmedSoTheyAreNotDeliveredAgain()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api);

        api.EnqueueText(userId: 1, "кто подписал договор");
        api.EnqueueText(userId: 2, "who signed the treaty", languageCode: "en");
        await api.WaitForAsync("sendMessage", 2);

        // The next poll carries an offset past both updates, which confirms them.
        await Eventually.UntilAsync(() => api.Unconfirmed().Count == 0);
        Assert.Equal(2, api.Sent().Count());
    }

    [Fact]
    public async Task Polling_AsksOnlyForTheUpdateTypesItHandles()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api);

        await Eventually.UntilAsync(() => api.Calls.Any(c => c.Method == "getUpdates"));
        var poll = api.Calls.First(c => c.Method == "getUpdates");
        var allowed = poll.Body["allowed_updates"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Contains("message", allowed);
        Assert.DoesNotContain("chat_member", allowed);
    }

    [Fact]
    public async Task Sticker_GetsAHintToTypeTheQuestion()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api);

        api.Enqueue(new JsonObject
        {
            ["message"] = new JsonObject
            {
                ["message_id"] = 5,
                ["date"] = 1_700_000_000,
                ["chat"] = new JsonObject { ["id"] = 9, ["type"] = "private" },
                ["from"] = FakeBotApi.User(9, "ru"),
                ["sticker"] = new JsonObject
                {
                    ["file_id"] = "x", ["file_unique_id"] = "y", ["type"] = "regular", ["width"] = 1, ["height"] = 1,
                    ["is_animated"] = false, ["is_video"] = false,
                },
            },
        });

        var reply = Assert.Single(await api.WaitForAsync("sendMessage", 1));
        Assert.Contains("текст", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailingSend_DoesNotStopTheNextUsersAnswer()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.Fail("sendMessage", System.Net.HttpStatusCode.Forbidden, "Forbidden: bot was blocked by the user");
        await using var bot = await BotHost.StartAsync(api);

        api.EnqueueText(userId: 1, "кто подписал договор");
        api.EnqueueText(userId: 2, "кто подписал договор");

        // Chats are handled in parallel: whichever reply met the 403 is dropped (not retried), the other is delivered.
        var sent = await api.WaitForAsync("sendMessage", 2);
        await Eventually.UntilAsync(() => api.Unconfirmed().Count == 0);
        Assert.Equal(2, api.Sent().Count());
        Assert.Single(sent, s => s.Failed);
        Assert.Single(sent, s => !s.Failed);
        Assert.Equal([1L, 2L], sent.Select(s => s.ChatId!.Value).Order());
    }
}
