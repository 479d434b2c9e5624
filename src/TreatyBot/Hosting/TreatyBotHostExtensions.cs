using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using TreatyBot.Telegram;

namespace TreatyBot.Hosting;

public static class TreatyBotHostExtensions
{
    /// <summary>Everything the bot needs: options, the fact base, the Telegram client, the update handler and the poller.</summary>
    public static IHostApplicationBuilder AddTreatyBot(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddOptionsWithValidateOnStart<BotOptions, BotOptionsValidator>().BindConfiguration(BotOptions.Section);
        services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.Section);
        services.AddSingleton(sp => new KnowledgeStore(sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.ResolvePath()));

        // The token is part of every request URL: no HttpClient logging on this client, ever.
        services.AddHttpClient(nameof(TelegramBotClient))
            .RemoveAllLoggers()
            .ConfigureHttpClient(http => http.Timeout = TimeSpan.FromSeconds(90))
            .AddTypedClient<ITelegramBotClient>((http, sp) =>
            {
                var options = sp.GetRequiredService<IOptions<BotOptions>>().Value;
                var baseUrl = string.IsNullOrWhiteSpace(options.ApiBaseUrl) ? null : options.ApiBaseUrl.TrimEnd('/');
                return new TelegramBotClient(new TelegramBotClientOptions(options.Token, baseUrl), http);
            });

        services.AddHostedService<FactBaseWatcher>();
        services.AddSingleton<BotIdentity>();
        services.AddSingleton<ChatPreferences>();
        services.AddSingleton<ReplySender>();
        services.AddSingleton<InlineQueryHandler>();
        services.AddSingleton<UpdateHandler>();
        services.AddHostedService<PollingWorker>();
        return builder;
    }
}
