using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Polly;
using Telegram.Bot;
using TreatyBot.Delivery;
using TreatyBot.Telegram;
using TreatyBot.Telemetry;

namespace TreatyBot.Hosting;

public static class TreatyBotHostExtensions
{
    public const string SendingClient = "telegram-send";
    public const string PollingClient = "telegram-poll";

    /// <summary>Everything the bot needs: options, the fact base, the Telegram client, the update handler and the receiver.</summary>
    public static IHostApplicationBuilder AddTreatyBot(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        builder.Logging.AddTokenRedaction();
        services.AddOptionsWithValidateOnStart<BotOptions, BotOptionsValidator>().BindConfiguration(BotOptions.Section);
        services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.Section);
        services.AddSingleton(sp => new KnowledgeStore(sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.ResolvePath()));

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
        services.AddSingleton<ChatPreferences>();
        services.AddOptionsWithValidateOnStart<FloodOptions, FloodOptionsValidator>().BindConfiguration(FloodOptions.Section);
        services.AddSingleton<FloodControl>();
        services.AddSingleton<ReplySender>();
        services.AddSingleton<InlineQueryHandler>();
        services.AddSingleton<UpdateHandler>();
        services.AddSingleton<IBotUpdateHandler>(sp => sp.GetRequiredService<UpdateHandler>());

        // The receiver for Bot:Mode (poller or webhook), health, metrics, systemd and the log format.
        builder.AddTreatyBotOperations();
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
