using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using TreatyBot.Receiving;
using TreatyBot.Tests.Fakes;
using TreatyBot.Tests.Rendering;

namespace TreatyBot.Tests.Receiving;

/// <summary>Webhook mode: the real host serving the endpoint on loopback, replies going out through the fake Bot API.</summary>
public sealed class WebhookTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_SetsTheWebhookWithSecretAndAllowedUpdates_KeepsPendingUpdates()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await WebBotHost.StartWebhookAsync(api);

        var set = Assert.Single(await api.WaitForAsync("setWebhook", 1));

        Assert.Equal(WebBotHost.WebhookUrl, set.Body["url"]?.GetValue<string>());
        Assert.Equal(WebBotHost.Secret, set.Body["secret_token"]?.GetValue<string>());
        var allowed = set.Body["allowed_updates"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Contains("message", allowed);
        Assert.Contains("callback_query", allowed);
        Assert.DoesNotContain("chat_member", allowed);
        Assert.NotEqual(true, set.Body["drop_pending_updates"]?.GetValue<bool>());
        Assert.DoesNotContain(api.Calls, c => c.Method is "getUpdates" or "deleteWebhook");
    }

    [Fact]
    public async Task Readyz_BeforeTheReceiverTakesUpdates_IsNotReady_ThenReady()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.Fail("getMe", HttpStatusCode.InternalServerError, "Internal Server Error", times: 3);
        await using var bot = await WebBotHost.StartWebhookAsync(api);

        // Still introducing itself: a load balancer must not send it updates it would refuse with 503.
        using (var starting = await bot.Http.GetAsync(new Uri("/readyz", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, starting.StatusCode);
            Assert.Contains("webhook: Unhealthy", await starting.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        await api.WaitForAsync("setWebhook", 1, TimeSpan.FromSeconds(30));
        using var ready = await bot.Http.GetAsync(new Uri("/readyz", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("webhook: Healthy", await ready.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_RightSecret_IsAnsweredOnceThroughTheBotApi()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await WebBotHost.StartWebhookAsync(api);
        await api.WaitForAsync("setWebhook", 1);

        using var response = await PostAsync(bot, TextUpdate(1, userId: 4242, "Когда подписан Пекинский договор?"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(await api.WaitForAsync("sendMessage", 1));
        Assert.Equal(4242, reply.ChatId);
        Assert.Contains("20 января 1925", reply.Text, StringComparison.Ordinal);
        Assert.Empty(TelegramHtml.Problems(reply.Text!));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("", HttpStatusCode.Forbidden)]
    [InlineData("test-webhook_SECRET-do-not-log-43", HttpStatusCode.Forbidden)]
    [InlineData("wrong", HttpStatusCode.Forbidden)]
    public async Task Post_MissingOrWrongSecret_IsRejectedAndNotHandled(string? secret, HttpStatusCode expected)
    {
        await using var api = await FakeBotApi.StartAsync();
        var logs = new CapturingLoggerProvider();
        await using var bot = await WebBotHost.StartWebhookAsync(api, logs: logs);
        await api.WaitForAsync("setWebhook", 1);

        using var rejected = await PostAsync(bot, TextUpdate(1, userId: 111, "кто подписал договор"), secret);
        Assert.Equal(expected, rejected.StatusCode);

        // A good update in the same chat afterwards: one chat's updates are handled in order, so once its answer is
        // out, the refused one would have been answered before it.
        using var accepted = await PostAsync(bot, TextUpdate(2, userId: 111, "/start"));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await Eventually.UntilAsync(() => api.Sent().Any(c => c.Text!.Contains("Здравствуйте", StringComparison.Ordinal)));

        Assert.Single(api.Sent());
        Assert.DoesNotContain(logs.Lines, line => line.Contains(WebBotHost.Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(api.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_SameUpdateDeliveredTwice_IsAnsweredOnce()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await WebBotHost.StartWebhookAsync(api);
        await api.WaitForAsync("setWebhook", 1);

        var update = TextUpdate(7, userId: 5, "кто подписал договор");
        using var first = await PostAsync(bot, update);
        using var again = await PostAsync(bot, update);
        await api.WaitForAsync("sendMessage", 1);
        using var redelivered = await PostAsync(bot, update);

        // Then a new message in the same chat: handled in order, so its answer comes after anything for the duplicates.
        using var next = await PostAsync(bot, TextUpdate(8, userId: 5, "/start"));
        await Eventually.UntilAsync(() => api.Sent().Any(c => c.Text!.Contains("Здравствуйте", StringComparison.Ordinal)));

        Assert.All([first, again, redelivered, next], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(2, api.Sent().Count());
    }

    [Fact]
    public async Task Post_Unreadable_IsBadRequest()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await WebBotHost.StartWebhookAsync(api);
        await api.WaitForAsync("setWebhook", 1);

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(WebBotHost.WebhookUrl).AbsolutePath)
        {
            Content = new StringContent("{not json", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookWorker.SecretHeader, WebBotHost.Secret);
        using var response = await bot.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Polling_DeletesTheWebhookBeforeItPolls_KeepingPendingUpdates()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api);

        await Eventually.UntilAsync(() => api.Calls.Any(c => c.Method == "getUpdates"));
        var calls = api.Calls.ToList();
        var delete = calls.FindIndex(c => c.Method == "deleteWebhook");
        Assert.InRange(delete, 0, calls.FindIndex(c => c.Method == "getUpdates"));
        Assert.NotEqual(true, calls[delete].Body["drop_pending_updates"]?.GetValue<bool>());
    }

    internal static async Task<HttpResponseMessage> PostAsync(WebBotHost bot, JsonObject update, string? secret = WebBotHost.Secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(WebBotHost.WebhookUrl).AbsolutePath)
        {
            Content = new StringContent(update.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (secret is not null)
        {
            request.Headers.Add(WebhookWorker.SecretHeader, secret);
        }

        return await bot.Http.SendAsync(request, Ct);
    }

    internal static JsonObject TextUpdate(int updateId, long userId, string text) => new()
    {
        ["update_id"] = updateId,
        ["message"] = new JsonObject
        {
            ["message_id"] = updateId,
            ["date"] = 1_700_000_000,
            ["chat"] = new JsonObject { ["id"] = userId, ["type"] = "private", ["first_name"] = "Test" },
            ["from"] = FakeBotApi.User(userId, "ru"),
            ["text"] = text,
        },
    };
}
