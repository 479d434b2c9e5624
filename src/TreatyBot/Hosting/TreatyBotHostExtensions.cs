using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Polly;
using Telegram.Bot;
using TreatyBot.Anniversaries;
using TreatyBot.Conversations;
using TreatyBot.Curation;
using TreatyBot.Delivery;
using TreatyBot.KnowledgeBase;
using TreatyBot.Receiving;
using TreatyBot.Storage;
using TreatyBot.Telemetry;

namespace TreatyBot.Hosting;

internal static class TreatyBotHostExtensions
{
    private const string SendingClient = "telegram-send";
    private const string PollingClient = PollingWorker.HttpClientName;

    /// <summary>Everything the bot needs: options, the fact base, the Telegram client, the update handler and the receiver.</summary>
    public static IHostApplicationBuilder AddTreatyBot(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);

        // The one source of randomness (the jitter of retries), so that a test can fix it.
        services.AddSingleton(new Random());
        builder.Logging.AddTokenRedaction();
        services.AddOptionsWithValidateOnStart<BotOptions, BotOptionsValidator>().BindConfiguration(BotOptions.Section);
        services.AddOptionsWithValidateOnStart<KnowledgeOptions, KnowledgeOptionsValidator>().BindConfiguration(KnowledgeOptions.Section);
        services.AddSingleton(sp =>
        {
            var knowledge = sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
            return new KnowledgeStore(knowledge.ResolvePath(), knowledge.ResolveCache());
        });

        services.AddOptionsWithValidateOnStart<DeliveryOptions, DeliveryOptionsValidator>().BindConfiguration(DeliveryOptions.Section);
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(
            builder.Configuration.GetValue($"{DeliveryOptions.Section}:{nameof(DeliveryOptions.ShutdownDeadlineSeconds)}", 10) + 10));

        // The token is part of every request URL: no HttpClient logging on these clients, ever. Sends and polls get
        // clients of their own, the poll's with a timeout longer than the longest long poll.
        services.AddHttpClient(SendingClient)
            .RemoveAllLoggers()
            .AddHttpMessageHandler<TelegramCallObserver>()
            .ConfigureHttpClient(http => http.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient(PollingClient)
            .RemoveAllLoggers()
            .AddHttpMessageHandler<TelegramCallObserver>()
            .ConfigureHttpClient((sp, http) => http.Timeout =
                TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<BotOptions>>().Value.PollTimeoutSeconds + 30));
        services.AddSingleton<ITelegramBotClient>(sp => CreateClient(sp, SendingClient));
        services.AddKeyedSingleton<ITelegramBotClient>(PollingClient, (sp, _) => CreateClient(sp, PollingClient));
        services.AddResiliencePipeline(Outbox.PipelineName, (pipeline, context) => Outbox.Configure(
            pipeline,
            context.ServiceProvider.GetRequiredService<IOptions<DeliveryOptions>>().Value,
            context.ServiceProvider.GetRequiredService<TimeProvider>(),
            context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger<Outbox>()));
        services.AddSingleton<Outbox>();
        services.AddSingleton<UpdateDispatcher>();

        services.AddHostedService<FactBaseWatcher>();
        services.AddSingleton<BotIdentity>();
        services.AddSingleton<BotStartup>();
        // What must survive a restart, and what replicas share: SQLite or Redis (Storage:Provider).
        services.AddStore(builder.Configuration);
        services.AddSingleton<ChatPreferences>();
        services.AddAnniversaries();
        services.AddCuration();
        services.AddOptionsWithValidateOnStart<FloodOptions, FloodOptionsValidator>().BindConfiguration(FloodOptions.Section);
        AddSharedLimits(services, builder.Configuration);
        services.AddSingleton<ButtonPresses>();
        services.AddSingleton<AnsweredQuestions>();
        services.AddSingleton<InlineQueryHandler>();
        services.AddSingleton<UpdateRouter>();
        services.AddSingleton<IBotUpdateHandler>(sp => sp.GetRequiredService<UpdateRouter>());

        // The receiver for Bot:Mode (poller or webhook), health, metrics, systemd and the log format.
        return AddOperations(builder);
    }

    /// <summary>
    /// What replicas must share besides the stores: the flood counters and the outgoing rate limits, and in webhook mode
    /// the claims on update ids. With Redis they are counted there for all replicas (falling back to this process's
    /// counts while it is away); with SQLite (one process) in memory.
    /// </summary>
    private static void AddSharedLimits(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<FloodControl>();
        services.AddSingleton<LocalSendLimits>();
        if (StorageServiceCollectionExtensions.ProviderOf(configuration) == StorageProvider.Redis)
        {
            services.AddSingleton<UpdateClaims>();
            services.AddSingleton<IFloodControl, RedisFloodControl>();
            services.AddSingleton<ISendLimits, RedisSendLimits>();
        }
        else
        {
            services.AddSingleton<IFloodControl>(sp => sp.GetRequiredService<FloodControl>());
            services.AddSingleton<ISendLimits>(sp => sp.GetRequiredService<LocalSendLimits>());
        }
    }

    /// <summary>What running the bot in production needs beside the bot: the receiver for the mode, health, metrics, systemd, log format.</summary>
    private static IHostApplicationBuilder AddOperations(IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var mode = TreatyBotApp.ModeOf(builder.Configuration);

        // systemd: Type=notify readiness and journal-friendly logs; does nothing elsewhere.
        services.AddSystemd();
        if (builder.Configuration["Logging:Console:FormatterName"] is { Length: > 0 } format)
        {
            // An explicit format (simple, json, systemd) wins, also over the one systemd picks.
            services.PostConfigure<ConsoleLoggerOptions>(console => console.FormatterName = format);
        }

        if (builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] is null)
        {
            // A line per request (every probe, every update) is noise; set the key to see them.
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }

        if (builder.Configuration["Logging:LogLevel:Polly"] is null)
        {
            // Polly logs every call to Telegram at Information (three lines a message); the Outbox logs what matters
            // (retries, 429 waits, give-ups) itself, and Polly's own retry events are Warnings. Set the key to see them.
            builder.Logging.AddFilter("Polly", LogLevel.Warning);
        }

        services.AddMetrics();
        services.AddSingleton<BotMetrics>();
        services.AddSingleton<BotApiStatus>();
        services.AddTransient<TelegramCallObserver>();
        services.AddOptionsWithValidateOnStart<ManagementOptions, ManagementOptionsValidator>().BindConfiguration(ManagementOptions.Section);
        services.AddOptionsWithValidateOnStart<WebhookOptions, WebhookOptionsValidator>()
            .BindConfiguration(WebhookOptions.Section)
            .PostConfigure<IOptions<BotOptions>>((webhook, bot) => webhook.Enabled = bot.Value.Mode == BotMode.Webhook);

        if (mode == BotMode.Webhook)
        {
            services.AddSingleton<WebhookWorker>();
            services.AddHostedService(sp => sp.GetRequiredService<WebhookWorker>());
        }
        else
        {
            services.AddHostedService<PollingWorker>();
        }

        if (builder is not WebApplicationBuilder web)
        {
            return mode == BotMode.Webhook
                ? throw new InvalidOperationException("Webhook mode needs a web host: create the builder with TreatyBotApp.CreateBuilder")
                : builder;
        }

        if (mode == BotMode.Polling && builder.Configuration[$"{ManagementOptions.Section}:{nameof(ManagementOptions.Urls)}"] is { Length: > 0 } urls)
        {
            web.WebHost.UseUrls(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        services.AddRoutingCore();
        var health = services.AddHealthChecks()
            .AddCheck<FactBaseHealthCheck>("facts", tags: [TreatyBotApp.ReadyTag])
            .AddCheck<BotApiHealthCheck>("telegram", tags: [TreatyBotApp.ReadyTag]);
        if (StorageServiceCollectionExtensions.ProviderOf(builder.Configuration) == StorageProvider.Redis)
        {
            // Degraded (still 200) while Redis is away: the replica answers from memory and stays in rotation.
            health.AddCheck<RedisHealthCheck>("redis", tags: [TreatyBotApp.ReadyTag]);
        }

        if (mode == BotMode.Webhook)
        {
            // Not ready while the receiver refuses updates (starting, stopping): the load balancer sends them elsewhere.
            health.AddCheck<WebhookHealthCheck>("webhook", tags: [TreatyBotApp.ReadyTag]);
            if (StorageServiceCollectionExtensions.ProviderOf(builder.Configuration) == StorageProvider.Redis)
            {
                // Degraded until what was handled during a Redis outage is claimed there (a redelivery is then known).
                health.AddCheck<UpdateClaimsHealthCheck>("update-claims", tags: [TreatyBotApp.ReadyTag]);
            }
        }

        services.AddSingleton<PrometheusExporter>();
        services.AddHostedService(sp => sp.GetRequiredService<PrometheusExporter>());
        return builder;
    }

    /// <summary>
    /// A Telegram client on the named HttpClient. Telegram.Bot's own 429 retry is off (threshold 0): the
    /// <see cref="Outbox"/> decides every retry, so retries never stack.
    /// </summary>
    private static TelegramBotClient CreateClient(IServiceProvider services, string name)
    {
        var options = services.GetRequiredService<IOptions<BotOptions>>().Value;
        var baseUrl = string.IsNullOrWhiteSpace(options.ApiBaseUrl) ? null : options.ApiBaseUrl.TrimEnd('/');
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(name);
        return new TelegramBotClient(new TelegramBotClientOptions(options.Token, baseUrl) { RetryThreshold = 0, RetryCount = 0 }, http);
    }
}
