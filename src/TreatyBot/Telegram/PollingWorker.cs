using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using TreatyBot.Delivery;
using TreatyBot.Hosting;

namespace TreatyBot.Telegram;

/// <summary>
/// Long-polls getUpdates on its own HttpClient and hands updates to the <see cref="UpdateDispatcher"/>. The offset only
/// moves past updates that are finished, so nothing is lost when handling fails or the bot restarts; on stop it lets
/// the updates in hand finish (up to a deadline) and confirms them with a last getUpdates before exiting.
/// </summary>
public sealed partial class PollingWorker(
    [FromKeyedServices(TreatyBotHostExtensions.PollingClient)] ITelegramBotClient bot,
    UpdateDispatcher dispatcher,
    BotIdentity identity,
    KnowledgeStore knowledge,
    Outbox outbox,
    IOptions<BotOptions> botOptions,
    IOptions<DeliveryOptions> deliveryOptions,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<PollingWorker> logger) : BackgroundService
{
    /// <summary>Only what the bot handles; Telegram then does not even send the rest (edits, reactions, members…).</summary>
    internal static readonly UpdateType[] AllowedUpdates =
        [UpdateType.Message, UpdateType.ChannelPost, UpdateType.CallbackQuery, UpdateType.InlineQuery];

    private bool tokenRejected;

    private DeliveryOptions Delivery => deliveryOptions.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (await IntroduceAsync(stoppingToken) is not { } me)
        {
            return;
        }

        identity.Id = me.Id;
        identity.Username = me.Username;
        LogStarted(me.Username ?? "?", me.Id);
        await SetCommandMenusAsync(stoppingToken);

        // getUpdates is refused while a webhook is set: coming back from webhook mode deletes it, keeping pending updates.
        if (!await outbox.CallAsync(ct => bot.DeleteWebhook(dropPendingUpdates: false, cancellationToken: ct), stoppingToken))
        {
            LogDeleteWebhookFailed();
        }

        // Handling gets its own token: a stop signal ends polling at once, but updates in hand may finish until the deadline.
        using var handling = new CancellationTokenSource();
        await PollAsync(handling.Token, stoppingToken);

        handling.CancelAfter(TimeSpan.FromSeconds(Delivery.ShutdownDeadlineSeconds));
        await dispatcher.DrainAsync(handling.Token);
        if (!tokenRejected)
        {
            await ConfirmAsync();
        }
    }

    private async Task PollAsync(CancellationToken handling, CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            Update[] updates;
            try
            {
                updates = await bot.GetUpdates(dispatcher.Offset, 100, botOptions.Value.PollTimeoutSeconds, AllowedUpdates, stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 401)
            {
                Stop(ex);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                var delay = Backoff(++failures);
                if (ex is ApiRequestException { ErrorCode: 409 })
                {
                    LogConflict(ex.Message, delay);
                }
                else
                {
                    LogPollingFailed(ex, delay);
                }

                await DelayAsync(delay, stoppingToken);
                continue;
            }

            var fresh = updates.Count(update => dispatcher.Dispatch(update, handling));
            if (fresh == 0 && updates.Length > 0)
            {
                // Everything Telegram sent is already in hand: wait for something to finish instead of polling in a loop.
                try
                {
                    await dispatcher.WaitForProgressAsync(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    /// <summary>A last getUpdates whose offset tells Telegram that everything finished is done with.</summary>
    private async Task ConfirmAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await bot.GetUpdates(dispatcher.Offset, 1, 0, AllowedUpdates, timeout.Token);
            LogConfirmed(dispatcher.Offset);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || timeout.IsCancellationRequested)
        {
            LogConfirmFailed(ex);
        }
    }

    /// <summary>getMe, retried until Telegram answers; null if the token is rejected or the bot is stopping.</summary>
    private async Task<User?> IntroduceAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                return await bot.GetMe(stoppingToken);
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 401)
            {
                Stop(ex);
                return null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                var delay = Backoff(attempt);
                LogPollingFailed(ex, delay);
                if (!await DelayAsync(delay, stoppingToken))
                {
                    return null;
                }
            }
        }

        return null;
    }

    /// <summary>The command menus are a convenience: a failure is logged and the bot goes on.</summary>
    private async Task SetCommandMenusAsync(CancellationToken stoppingToken)
    {
        if (!await outbox.CallAsync(ct => CommandMenus.SetAsync(bot, knowledge.Facts.Texts, ct), stoppingToken))
        {
            LogCommandMenusFailed();
        }
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, time, stoppingToken);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private void Stop(ApiRequestException ex)
    {
        tokenRejected = true;
        LogTokenRejected(ex.Message, botOptions.Value.BotId);
        Environment.ExitCode = 4;
        lifetime.StopApplication();
    }

    /// <summary>From the initial pause doubling to the maximum, with ±20 % jitter so that restarted bots do not poll in step.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var initial = Delivery.PollBackoffInitialMilliseconds;
        var milliseconds = Math.Min(Delivery.PollBackoffMaxMilliseconds, initial * Math.Pow(2, Math.Min(attempt - 1, 20)));
        return TimeSpan.FromMilliseconds(milliseconds * (0.8 + (0.4 * Random.Shared.NextDouble())));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot @{Username} (id {BotId}) is polling for updates")]
    private partial void LogStarted(string username, long botId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not set the command menus; the bot works without them")]
    private partial void LogCommandMenusFailed();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the webhook; polling will fail with 409 while one is set")]
    private partial void LogDeleteWebhookFailed();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling failed; next attempt in {Delay}")]
    private partial void LogPollingFailed(Exception exception, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram refused getUpdates with 409 Conflict ({Reason}): another instance of this bot is polling with the same token, or a webhook is set. Stop the other instance, or delete the webhook (deleteWebhook) to use polling. Next attempt in {Delay}")]
    private partial void LogConflict(string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped; updates below {Offset} confirmed")]
    private partial void LogConfirmed(int offset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not confirm the handled updates on stop; Telegram may deliver some again")]
    private partial void LogConfirmFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Telegram rejected the token of bot {BotId} ({Reason}): it was revoked or mistyped. Get a new one from @BotFather and set Bot__Token. Stopping.")]
    private partial void LogTokenRejected(string reason, string botId);
}
