using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;
using TreatyBot.Hosting;
using TreatyBot.Telemetry;

namespace TreatyBot.Webhook;

/// <summary>
/// The POST endpoint Telegram delivers updates to. The secret header is checked in constant time (missing: 401,
/// wrong: 403, and the update is not looked at); a good update goes to the same <see cref="Delivery.UpdateDispatcher"/>
/// the poller uses, and 200 is answered as soon as it is accepted — or recognised as already handled — so Telegram
/// never waits for the answer itself.
/// </summary>
public static partial class WebhookEndpoint
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    public static IEndpointConventionBuilder MapTelegramWebhook(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<WebhookOptions>>().Value;
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(options.SecretToken ?? ""));
        return endpoints.MapPost(options.Path, (HttpContext context, WebhookWorker worker, BotMetrics metrics, ILoggerFactory logs) =>
            ReceiveAsync(context, expected, worker, metrics, logs.CreateLogger(typeof(WebhookEndpoint).FullName!)));
    }

    private static async Task<IResult> ReceiveAsync(HttpContext context, byte[] expected, WebhookWorker worker, BotMetrics metrics, ILogger logger)
    {
        if (!context.Request.Headers.TryGetValue(SecretHeader, out var given) || given.Count != 1)
        {
            metrics.WebhookRejected("no_secret");
            LogRejected(logger, "no secret header");
            return Results.Unauthorized();
        }

        // Hashing first makes the comparison constant-time in the length as well as the content.
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given.ToString())), expected))
        {
            metrics.WebhookRejected("wrong_secret");
            LogRejected(logger, "wrong secret");
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        Update? update;
        try
        {
            update = await JsonSerializer.DeserializeAsync<Update>(context.Request.Body, JsonBotAPI.Options, context.RequestAborted);
        }
        catch (JsonException)
        {
            update = null;
        }

        if (update is null)
        {
            metrics.WebhookRejected("unreadable");
            LogRejected(logger, "unreadable update");
            return Results.BadRequest();
        }

        return worker.Receive(update) switch
        {
            WebhookVerdict.NotServing => Results.StatusCode(StatusCodes.Status503ServiceUnavailable),
            _ => Results.Ok(),
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook request refused: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}
