using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using TreatyBot.Hosting;
using TreatyBot.Storage;
using TreatyBot.Tests.Servers;

namespace TreatyBot.Tests.Fakes;

/// <summary>
/// The real bot as a web application (webhook mode, or polling with the management port), against a
/// <see cref="FakeBotApi"/>, listening on 127.0.0.1 on a free port; <see cref="Http"/> talks to it. Its store is in a
/// temporary folder of its own, deleted on dispose.
/// </summary>
public sealed class WebBotHost : IAsyncDisposable
{
    public const string Secret = "test-webhook_SECRET-do-not-log-42";
    public const string WebhookUrl = "https://bot.example.org/telegram/update";

    private readonly WebApplication app;
    private readonly TemporaryFolder data;

    private WebBotHost(WebApplication app, TemporaryFolder data)
    {
        this.app = app;
        this.data = data;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
    }

    public IServiceProvider Services => app.Services;

    public HttpClient Http { get; }

    /// <summary>Webhook mode with <see cref="Secret"/> and <see cref="WebhookUrl"/>; <paramref name="settings"/> add or override.</summary>
    public static Task<WebBotHost> StartWebhookAsync(FakeBotApi api, IDictionary<string, string?>? settings = null, ILoggerProvider? logs = null) =>
        StartAsync(
            api,
            new Dictionary<string, string?>
            {
                ["Bot:Mode"] = "webhook",
                ["Webhook:Url"] = WebhookUrl,
                ["Webhook:SecretToken"] = Secret,
                ["Urls"] = "http://127.0.0.1:0",
            },
            settings,
            logs);

    /// <summary>
    /// One of several webhook replicas behind one load balancer: webhook mode with <c>Storage:Provider=redis</c> on
    /// <paramref name="redis"/> (every replica of a test passes the same server, so they share its state).
    /// </summary>
    public static Task<WebBotHost> StartReplicaAsync(FakeBotApi api, RedisServer redis, IDictionary<string, string?>? settings = null, ILoggerProvider? logs = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        var shared = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "redis",
            ["Storage:Redis"] = redis.ConnectionString,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            shared[key] = value;
        }

        return StartWebhookAsync(api, shared, logs);
    }

    /// <summary>Polling mode with health and metrics on a management port.</summary>
    public static Task<WebBotHost> StartPollingAsync(FakeBotApi api, IDictionary<string, string?>? settings = null, ILoggerProvider? logs = null) =>
        StartAsync(api, new Dictionary<string, string?> { ["Management:Urls"] = "http://127.0.0.1:0" }, settings, logs);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await app.StopAsync(timeout.Token);
        await app.DisposeAsync();
        data.Dispose();
    }

    private static async Task<WebBotHost> StartAsync(
        FakeBotApi api,
        Dictionary<string, string?> mode,
        IDictionary<string, string?>? settings,
        ILoggerProvider? logs)
    {
        var data = TemporaryFolder.Create("store-");
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { EnvironmentName = "Test" });
        builder.WebHost.UseKestrelCore();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bot:Token"] = api.Token,
            ["Bot:ApiBaseUrl"] = api.BaseUrl.ToString(),
            ["Bot:PollTimeoutSeconds"] = "2",
            ["Knowledge:Path"] = TestPaths.Responses,
            ["Management:Prometheus"] = "true",
            ["Storage:Path"] = data.Path,
        });
        builder.Configuration.AddInMemoryCollection(mode);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        if (logs is not null)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            builder.Logging.AddProvider(logs);
        }

        builder.AddTreatyBot();
        var app = (WebApplication)TreatyBotApp.Build(builder);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            data.Dispose();
            throw;
        }

        return new WebBotHost(app, data);
    }
}
