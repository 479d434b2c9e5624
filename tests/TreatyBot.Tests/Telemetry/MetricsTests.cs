using System.Net;
using TreatyBot.Tests.Fakes;
using TreatyBot.Tests.Receiving;
using static TreatyBot.Tests.Telemetry.PrometheusText;

namespace TreatyBot.Tests.Telemetry;

/// <summary>The counters move when updates flow, as seen at the Prometheus endpoint.</summary>
public sealed class MetricsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Polling_UpdatesAnswersAndLatency_AreCounted()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await WebBotHost.StartPollingAsync(api);

        api.EnqueueText(userId: 1, "Когда подписан Пекинский договор?");
        api.EnqueueText(userId: 2, "what is the weather in Moscow", languageCode: "en");
        await api.WaitForAsync("sendMessage", 2);
        await Eventually.UntilAsync(async () => Value(await ScrapeAsync(bot), "treatybot_reply_duration_seconds_count", "type=\"message\"") == 2);

        var metrics = await ScrapeAsync(bot);
        Assert.Equal(2, Value(metrics, "treatybot_updates_received_total", "type=\"message\""));
        Assert.Equal(1, Sum(metrics, "treatybot_answers_total"));
        Assert.Equal(1, Sum(metrics, "treatybot_abstentions_total"));
        Assert.Equal(2, Value(metrics, "treatybot_reply_duration_seconds_bucket", "type=\"message\",le=\"+Inf\""));
        Assert.True(Value(metrics, "treatybot_facts", "") > 0);
        Assert.Contains("# TYPE treatybot_reply_duration_seconds histogram", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InlineQueries_AreCountedByOutcome()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await WebBotHost.StartPollingAsync(api);

        api.EnqueueInlineQuery(userId: 1, "когда подписан договор");
        api.EnqueueInlineQuery(userId: 2, "");
        api.EnqueueInlineQuery(userId: 3, "zzzz qqqq xxxx");
        await api.WaitForAsync("answerInlineQuery", 3);
        await Eventually.UntilAsync(async () => Sum(await ScrapeAsync(bot), "treatybot_inline_queries_total") == 3);

        var metrics = await ScrapeAsync(bot);
        Assert.Equal(1, Value(metrics, "treatybot_inline_queries_total", "outcome=\"results\""));
        Assert.Equal(1, Value(metrics, "treatybot_inline_queries_total", "outcome=\"featured\""));
        Assert.Equal(1, Value(metrics, "treatybot_inline_queries_total", "outcome=\"none\""));
    }

    [Fact]
    public async Task Webhook_DuplicatesRejectionsThrottlingAndFailures_AreCounted()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.Fail("sendMessage", HttpStatusCode.TooManyRequests, "Too Many Requests: retry after 1", retryAfter: 1);
        await using var bot = await WebBotHost.StartWebhookAsync(api);
        await api.WaitForAsync("setWebhook", 1);

        var update = WebhookTests.TextUpdate(1, userId: 3, "кто подписал договор");
        (await WebhookTests.PostAsync(bot, update)).Dispose();
        (await WebhookTests.PostAsync(bot, update)).Dispose();
        (await WebhookTests.PostAsync(bot, update, secret: "wrong")).Dispose();
        (await WebhookTests.PostAsync(bot, update, secret: null)).Dispose();

        // The first send meets the 429, the retry after it goes through.
        await api.WaitForAsync("sendMessage", 2);
        await Eventually.UntilAsync(async () => Value(await ScrapeAsync(bot), "treatybot_reply_duration_seconds_count", "type=\"message\"") == 1);

        var metrics = await ScrapeAsync(bot);
        Assert.Equal(1, Value(metrics, "treatybot_updates_received_total", "type=\"message\""));
        Assert.Equal(1, Sum(metrics, "treatybot_updates_duplicates_total"));
        Assert.Equal(1, Value(metrics, "treatybot_webhook_rejected_total", "reason=\"wrong_secret\""));
        Assert.Equal(1, Value(metrics, "treatybot_webhook_rejected_total", "reason=\"no_secret\""));
        Assert.Equal(1, Value(metrics, "treatybot_telegram_throttled_total", "method=\"sendMessage\""));
        Assert.Equal(0, Sum(metrics, "treatybot_sends_failed_total"));
    }

    [Fact]
    public async Task BlockedChat_CountsASendFailure()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.Fail("sendMessage", HttpStatusCode.Forbidden, "Forbidden: bot was blocked by the user");
        await using var bot = await WebBotHost.StartPollingAsync(api);

        api.EnqueueText(userId: 9, "кто подписал договор");
        var refused = Assert.Single(await api.WaitForAsync("sendMessage", 1));

        // The bot polls past the update once it is finished with it, failure counted.
        await Eventually.UntilAsync(() => api.Unconfirmed().Count == 0);
        var metrics = await ScrapeAsync(bot);
        Assert.True(refused.Failed);
        Assert.Equal(1, Value(metrics, "treatybot_sends_failed_total", "reason=\"blocked\""));
        Assert.Equal(1, Sum(metrics, "treatybot_sends_failed_total"));
        Assert.Equal(1, Value(metrics, "treatybot_updates_received_total", "type=\"message\""));
    }

    private static async Task<string> ScrapeAsync(WebBotHost bot)
    {
        using var response = await bot.Http.GetAsync(new Uri("/metrics", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        return await response.Content.ReadAsStringAsync(Ct);
    }
}
