using System.Net;
using System.Net.Sockets;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.Tests.Telemetry;

/// <summary>/healthz and /readyz in both modes, on loopback.</summary>
public sealed class HealthEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Webhook_Healthz_IsOk_AndReadyzOnceTheBotApiAnswered()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await WebBotHost.StartWebhookAsync(api);

        using var alive = await bot.Http.GetAsync(new Uri("/healthz", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);

        await api.WaitForAsync("setWebhook", 1);
        var ready = await ReadyAsync(bot);
        Assert.Contains("facts: Healthy", ready, StringComparison.Ordinal);
        Assert.Contains("telegram: Healthy", ready, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Polling_ManagementPort_ServesHealthzAndReadyz()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await WebBotHost.StartPollingAsync(api);

        using var alive = await bot.Http.GetAsync(new Uri("/healthz", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        var ready = await ReadyAsync(bot);
        Assert.Contains("facts: Healthy", ready, StringComparison.Ordinal);
        Assert.Contains("telegram: Healthy", ready, StringComparison.Ordinal);

        // Polling mode has no webhook endpoint.
        using var webhook = await bot.Http.PostAsync(new Uri(new Uri(WebBotHost.WebhookUrl).AbsolutePath, UriKind.Relative), new StringContent("{}"), Ct);
        Assert.Equal(HttpStatusCode.NotFound, webhook.StatusCode);
    }

    [Fact]
    public async Task Readyz_BotApiUnreachable_Is503AndSaysWhy_WhileHealthzStaysOk()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await WebBotHost.StartPollingAsync(api, new Dictionary<string, string?>
        {
            ["Bot:ApiBaseUrl"] = $"http://127.0.0.1:{ClosedPort()}",
        });

        using var ready = await bot.Http.GetAsync(new Uri("/readyz", UriKind.Relative), Ct);
        using var alive = await bot.Http.GetAsync(new Uri("/healthz", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var body = await ready.Content.ReadAsStringAsync(Ct);
        Assert.Contains("telegram: Unhealthy", body, StringComparison.Ordinal);
        Assert.Contains("facts: Healthy", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task HealthCommand_ExitsZeroOnlyWhenTheEndpointAnswers()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await WebBotHost.StartPollingAsync(api);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var up = TreatyBot.Cli.CommandLine.TryRun(["health", new Uri(bot.Http.BaseAddress!, "/healthz").ToString()], TextReader.Null, output, error);
        var down = TreatyBot.Cli.CommandLine.TryRun(["health", $"http://127.0.0.1:{ClosedPort()}/healthz"], TextReader.Null, output, error);

        Assert.Equal(0, up);
        Assert.Equal(1, down);
    }

    /// <summary>Waits until /readyz answers 200; returns its body.</summary>
    internal static async Task<string> ReadyAsync(WebBotHost bot)
    {
        var status = HttpStatusCode.ServiceUnavailable;
        var body = "";
        await Eventually.UntilAsync(async () =>
        {
            using var response = await bot.Http.GetAsync(new Uri("/readyz", UriKind.Relative), Ct);
            status = response.StatusCode;
            body = await response.Content.ReadAsStringAsync(Ct);
            return status == HttpStatusCode.OK;
        });
        return body;
    }

    /// <summary>A loopback port nothing listens on: connections to it are refused at once.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
