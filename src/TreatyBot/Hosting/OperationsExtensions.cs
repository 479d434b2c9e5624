using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using TreatyBot.Telegram;
using TreatyBot.Telemetry;
using TreatyBot.Webhook;

namespace TreatyBot.Hosting;

/// <summary>What running the bot in production needs beside the bot: the receiver for the mode, health, metrics, systemd, log format.</summary>
public static class OperationsExtensions
{
    public static IHostApplicationBuilder AddTreatyBotOperations(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
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
        services.AddHealthChecks()
            .AddCheck<FactBaseHealthCheck>("facts", tags: [TreatyBotApp.ReadyTag])
            .AddCheck<BotApiHealthCheck>("telegram", tags: [TreatyBotApp.ReadyTag]);
        services.AddSingleton<PrometheusExporter>();
        services.AddHostedService(sp => sp.GetRequiredService<PrometheusExporter>());
        return builder;
    }
}
