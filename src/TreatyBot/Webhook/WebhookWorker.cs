using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using TreatyBot.Delivery;
using TreatyBot.Hosting;
using TreatyBot.Telegram;

namespace TreatyBot.Webhook;

/// <summary>
/// Webhook mode's counterpart of the <see cref="PollingWorker"/>: learns who the bot is (getMe), sets the command menus
/// and the webhook (with the secret and <c>allowed_updates</c>, never dropping pending updates), then checks the
/// webhook now and then. It owns the handling of the updates the endpoint accepts: on stop it refuses new ones (503,
/// so Telegram delivers them again, to another replica or later) and lets those in hand finish up to the deadline.
/// The webhook is left in place on stop: other replicas may still be serving it.
/// </summary>
public sealed partial class WebhookWorker(
    ITelegramBotClient bot,
    UpdateDispatcher dispatcher,
    BotStartup startup,
    IOptions<WebhookOptions> webhookOptions,
    IOptions<DeliveryOptions> deliveryOptions,
    TimeProvider time,
    ILogger<WebhookWorker> logger) : BackgroundService
{
    private readonly CancellationTokenSource handling = new();
    private volatile bool accepting;

    private WebhookOptions Options => webhookOptions.Value;

    /// <summary>Hands an update to the dispatcher: accepted (or a known duplicate), or refused because the bot is not serving.</summary>
    internal WebhookVerdict Receive(Update update)
    {
        if (!accepting)
        {
            return WebhookVerdict.NotServing;
        }

        return dispatcher.Dispatch(update, handling.Token) ? WebhookVerdict.Accepted : WebhookVerdict.Duplicate;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        accepting = false;
        await base.StopAsync(cancellationToken);
        handling.CancelAfter(TimeSpan.FromSeconds(deliveryOptions.Value.ShutdownDeadlineSeconds));
        await dispatcher.DrainAsync(handling.Token);
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
            LogCheckFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot @{Username} (id {BotId}) receives updates by webhook at {Url}")]
    private partial void LogServing(string username, long botId, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The webhook now points to {Url}, not to this bot: another instance set it, or one started polling (which deletes it)")]
    private partial void LogWebhookMoved(string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram could not deliver to the webhook at {When:O}: {Reason} ({Pending} update(s) pending)")]
    private partial void LogDeliveryError(string reason, DateTime when, int pending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "getWebhookInfo failed")]
    private partial void LogCheckFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook receiver stopped; {InHand} update(s) left unfinished")]
    private partial void LogStopped(int inHand);
}

/// <summary>What became of an update the webhook received.</summary>
internal enum WebhookVerdict
{
    Accepted,
    Duplicate,
    NotServing,
}
