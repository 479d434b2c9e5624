using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TreatyBot.Receiving;
using TreatyBot.Telemetry;

namespace TreatyBot.Hosting;

/// <summary>
/// Chooses the host: a web application (Kestrel) in webhook mode or when <c>Management:Urls</c> is set, otherwise a
/// plain host that opens no port. Either way <see cref="TreatyBotHostExtensions.AddTreatyBot"/> fills it.
/// </summary>
internal static class TreatyBotApp
{
    public const string HealthPath = "/healthz";
    public const string ReadyPath = "/readyz";
    public const string MetricsPath = "/metrics";
    public const string ReadyTag = "ready";

    /// <summary>The builder for <paramref name="args"/>, configured from the usual sources (files, environment, command line).</summary>
    public static IHostApplicationBuilder CreateBuilder(string[] args)
    {
        var plain = Host.CreateApplicationBuilder(args);
        if (!NeedsWebServer(plain.Configuration))
        {
            return plain;
        }

        ((IDisposable)plain.Configuration).Dispose();
        return WebApplication.CreateSlimBuilder(args);
    }

    /// <summary>Webhook mode, or health and metrics on a management port.</summary>
    public static bool NeedsWebServer(IConfiguration configuration)
    {
        return ModeOf(configuration) == BotMode.Webhook
            || !string.IsNullOrWhiteSpace(configuration[$"{ManagementOptions.Section}:{nameof(ManagementOptions.Urls)}"]);
    }

    /// <summary><c>Bot:Mode</c>; a value that is neither polling nor webhook stops the start with one line naming the key.</summary>
    public static BotMode ModeOf(IConfiguration configuration)
    {
        var value = configuration[$"{BotOptions.Section}:{nameof(BotOptions.Mode)}"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return BotMode.Polling;
        }

        return Enum.TryParse<BotMode>(value, ignoreCase: true, out var mode) && Enum.IsDefined(mode)
            ? mode
            : throw new OptionsValidationException(nameof(BotOptions), typeof(BotOptions), ["Bot:Mode must be polling or webhook"]);
    }

    /// <summary>Builds the host; a web application also gets its endpoints.</summary>
    public static IHost Build(IHostApplicationBuilder builder) => builder switch
    {
        WebApplicationBuilder web => MapEndpoints(web.Build()),
        HostApplicationBuilder plain => plain.Build(),
        _ => throw new ArgumentException("Use TreatyBotApp.CreateBuilder, or a HostApplicationBuilder", nameof(builder)),
    };

    /// <summary>/healthz (alive), /readyz (fact base in service, Bot API answered recently), /metrics if enabled, the webhook in webhook mode.</summary>
    public static WebApplication MapEndpoints(WebApplication app)
    {
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        if (app.Services.GetRequiredService<IOptions<ManagementOptions>>().Value.Prometheus)
        {
            app.MapGet(MetricsPath, (PrometheusExporter exporter) => Results.Text(exporter.Scrape(), PrometheusExporter.ContentType));
        }

        if (app.Services.GetRequiredService<IOptions<BotOptions>>().Value.Mode == BotMode.Webhook)
        {
            // Telegram POSTs updates here; WebhookWorker checks the secret and hands them on.
            app.MapPost(app.Services.GetRequiredService<IOptions<WebhookOptions>>().Value.Path, (HttpContext context, WebhookWorker worker) => worker.ReceiveAsync(context));
        }

        return app;
    }

    /// <summary>"Healthy", or the status and one line per check, so a failing probe says why.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var text = new StringBuilder(report.Status.ToString()).Append('\n');
        foreach (var (name, entry) in report.Entries)
        {
            text.Append(name).Append(": ").Append(entry.Status).Append(" — ").Append(entry.Description).Append('\n');
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text.ToString());
    }
}
