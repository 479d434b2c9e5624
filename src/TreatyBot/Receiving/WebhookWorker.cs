using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;
using TreatyBot.Delivery;
using TreatyBot.Telemetry;

namespace TreatyBot.Receiving;

/// <summary>
/// Webhook mode's counterpart of the <see cref="PollingWorker"/>: learns who the bot is (getMe), sets the command menus
/// and the webhook (with the secret and <c>allowed_updates</c>, never dropping pending updates), then checks the
/// webhook now and then. It receives the POSTs Telegram delivers (<see cref="ReceiveAsync"/>): the secret header is
/// checked in constant time (missing: 401, wrong: 403, and the update is not looked at); a good update goes to the same
/// <see cref="UpdateDispatcher"/> the poller uses, and 200 is answered as soon as it is accepted — or recognised as
/// already handled — so Telegram never waits for the answer itself. Replicas behind one load balancer that share Redis
/// claim each update id there before handling it (<see cref="UpdateClaims"/>), so an update delivered to two of them,
/// or again to another, is answered once. On stop it refuses new updates (503, so Telegram
/// delivers them again, to another replica or later) and lets those in hand finish up to the deadline. The webhook
/// is left in place on stop: other replicas may still be serving it.
/// </summary>
internal sealed partial class WebhookWorker(
    ITelegramBotClient bot,
    UpdateDispatcher dispatcher,
    BotStartup startup,
    IOptions<WebhookOptions> webhookOptions,
    BotMetrics metrics,
    TimeProvider time,
    ILogger<WebhookWorker> logger) : BackgroundService
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    private readonly CancellationTokenSource handling = new();
    private readonly byte[] expectedSecret = SHA256.HashData(Encoding.UTF8.GetBytes(webhookOptions.Value.SecretToken ?? ""));
    private volatile bool accepting;

    private WebhookOptions Options => webhookOptions.Value;

    /// <summary>Whether POSTs are taken now: false while starting (before getMe) and once stopping (they get 503).</summary>
    public bool Accepting => accepting;

    /// <summary>One POST from Telegram: checked, read and handed to the dispatcher.</summary>
    public async Task<IResult> ReceiveAsync(HttpContext context)
    {
        if (!context.Request.Headers.TryGetValue(SecretHeader, out var given) || given.Count != 1)
        {
            return Rejected("no_secret", "no secret header", Results.Unauthorized());
        }

        // Hashing first makes the comparison constant-time in the length as well as the content.
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given.ToString())), expectedSecret))
        {
            return Rejected("wrong_secret", "wrong secret", Results.StatusCode(StatusCodes.Status403Forbidden));
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
            return Rejected("unreadable", "unreadable update", Results.BadRequest());
        }

        if (!accepting)
        {
            // Starting or stopping: Telegram delivers it again, here later or to another replica.
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        // Accepted, or skipped as a known duplicate (false): either way Telegram may forget it.
        _ = dispatcher.Dispatch(update, handling.Token);
        return Results.Ok();
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        accepting = false;
        await base.StopAsync(cancellationToken);
        await startup.FinishInHandAsync(dispatcher, handling);
        LogStopped(dispatcher.InHand);
    }

    public override void Dispose()
    {
        handling.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (await startup.IntroduceAsync(bot, stoppingToken) is not { } me)
        {
            return;
        }

        accepting = true;

        var url = Options.Url!;
        var set = await startup.UntilDoneAsync(
            async ct =>
            {
                await bot.SetWebhook(
                    url,
                    maxConnections: Options.MaxConnections,
                    allowedUpdates: PollingWorker.AllowedUpdates,
                    dropPendingUpdates: false,
                    secretToken: Options.SecretToken,
                    cancellationToken: ct);
                return true;
            },
            stoppingToken);
        if (!set)
        {
            return;
        }

        LogServing(me.Username ?? "?", me.Id, url);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Options.CheckIntervalSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await CheckAsync(url, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>getWebhookInfo: logs Telegram's last delivery error and a webhook that was changed or removed elsewhere.</summary>
    private async Task CheckAsync(string url, CancellationToken stoppingToken)
    {
        try
        {
            var info = await bot.GetWebhookInfo(stoppingToken);
            if (!string.Equals(info.Url, url, StringComparison.Ordinal))
            {
                LogWebhookMoved(info.Url);
            }
            else if (info.LastErrorDate is { } when && time.GetUtcNow() - when < TimeSpan.FromSeconds(Options.CheckIntervalSeconds * 2))
            {
                LogDeliveryError(info.LastErrorMessage ?? "?", when, info.PendingUpdateCount);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogCheckFailed(startup.FailureReason(ex));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot @{Username} (id {BotId}) receives updates by webhook at {Url}")]
    private partial void LogServing(string username, long botId, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The webhook now points to {Url}, not to this bot: another instance set it, or one started polling (which deletes it)")]
    private partial void LogWebhookMoved(string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram could not deliver to the webhook at {When:O}: {Reason} ({Pending} update(s) pending)")]
    private partial void LogDeliveryError(string reason, DateTime when, int pending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "getWebhookInfo failed ({Reason})")]
    private partial void LogCheckFailed(string reason);

    private IResult Rejected(string reason, string description, IResult result)
    {
        metrics.WebhookRejected(reason);
        LogRejected(description);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook request refused: {Reason}")]
    private partial void LogRejected(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook receiver stopped; {InHand} update(s) left unfinished")]
    private partial void LogStopped(int inHand);
}
