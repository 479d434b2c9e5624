using System.Net;
using System.Net.Sockets;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using TreatyBot.Delivery;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.Tests.Delivery;

/// <summary>Which failures of a real TelegramBotClient call the Outbox retries: only what surely never reached Telegram, 5xx and 429 within the cap.</summary>
public sealed class OutboxRetryTests
{
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task IsRetryable_ConnectionRefused_IsRetried()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var http = new HttpClient();
        var bot = new TelegramBotClient(new TelegramBotClientOptions("123456789:TEST-secret_token_DO_NOT_LOG_abcdefghij", $"http://127.0.0.1:{port}"), http);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => bot.GetMe(TestContext.Current.CancellationToken));

        Assert.True(Outbox.IsRetryable(failure, Cap), failure.ToString());
    }

    [Fact]
    public async Task IsRetryable_TimeoutMidRequest_IsNotRetried()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.Chaos = (_, _) => FakeFault.Slow(TimeSpan.FromSeconds(3));
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };
        var bot = new TelegramBotClient(new TelegramBotClientOptions(api.Token, api.BaseUrl.ToString().TrimEnd('/')), http);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => bot.SendMessage(1, "hi", cancellationToken: TestContext.Current.CancellationToken));

        Assert.False(Outbox.IsRetryable(failure, Cap), failure.ToString());
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, null, true)]
    [InlineData(HttpStatusCode.BadGateway, null, true)]
    [InlineData(HttpStatusCode.TooManyRequests, 5, true)]
    [InlineData(HttpStatusCode.TooManyRequests, 3600, false)]
    [InlineData(HttpStatusCode.BadRequest, null, false)]
    [InlineData(HttpStatusCode.Forbidden, null, false)]
    public async Task IsRetryable_ApiAnswer_RetriedOnlyWhenSafe(HttpStatusCode status, int? retryAfter, bool retried)
    {
        await using var api = await FakeBotApi.StartAsync();
        api.Fail("sendMessage", status, "scripted", retryAfter: retryAfter);
        using var http = new HttpClient();
        var bot = new TelegramBotClient(new TelegramBotClientOptions(api.Token, api.BaseUrl.ToString().TrimEnd('/')) { RetryThreshold = 0 }, http);

        var failure = await Assert.ThrowsAnyAsync<RequestException>(() => bot.SendMessage(1, "hi", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(retried, Outbox.IsRetryable(failure, Cap));
    }
}
