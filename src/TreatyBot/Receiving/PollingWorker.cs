using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using TreatyBot.Delivery;

namespace TreatyBot.Receiving;

/// <summary>
/// Long-polls getUpdates on its own HttpClient and hands updates to the <see cref="UpdateDispatcher"/>. The offset only
/// moves past updates that are finished, so nothing is lost when handling fails or the bot restarts; on stop it lets
/// the updates in hand finish (up to a deadline) and confirms them with a last getUpdates before exiting.
/// </summary>
internal sealed partial class PollingWorker(
    [FromKeyedServices(PollingWorker.HttpClientName)] ITelegramBotClient bot,
    UpdateDispatcher dispatcher,
    BotStartup startup,
    Outbox outbox,
    IOptions<BotOptions> botOptions,
    ILogger<PollingWorker> logger) : BackgroundService
{
    /// <summary>The named HttpClient (and keyed bot client) for getUpdates, with a timeout longer than the longest long poll.</summary>
    public const string HttpClientName = "telegram-poll";

    /// <summary>Only what the bot handles; Telegram then does not even send the rest (edits, reactions, members…).</summary>
    internal static readonly UpdateType[] AllowedUpdates =
        [UpdateType.Message, UpdateType.ChannelPost, UpdateType.CallbackQuery, UpdateType.InlineQuery];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (await startup.IntroduceAsync(bot, stoppingToken) is not { } me)
        {
            return;
        }

        LogStarted(me.Username ?? "?", me.Id);

        // getUpdates is refused while a webhook is set: coming back from webhook mode deletes it, keeping pending updates.
        if (!await outbox.CallAsync(ct => bot.DeleteWebhook(dropPendingUpdates: false, cancellationToken: ct), stoppingToken))
        {
            LogDeleteWebhookFailed();
        }

        // Handling gets its own token: a stop signal ends polling at once, but updates in hand may finish until the deadline.
        using var handling = new CancellationTokenSource();
        await PollAsync(handling.Token, stoppingToken);

        await startup.FinishInHandAsync(dispatcher, handling);
        if (!startup.TokenRejected)
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
                startup.Reject(ex);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                var delay = startup.Backoff(++failures);
                if (ex is ApiRequestException { ErrorCode: 409 })
                {
                    LogConflict(ex.Message, delay);
                }
                else
                {
                    LogPollingFailed(startup.FailureReason(ex), delay);
                }

                await startup.DelayAsync(delay, stoppingToken);
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
        using var timeout = startup.Timeout(TimeSpan.FromSeconds(5));
        try
        {
            await bot.GetUpdates(dispatcher.Offset, 1, 0, AllowedUpdates, timeout.Token);
            LogConfirmed(dispatcher.Offset);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || timeout.IsCancellationRequested)
        {
            LogConfirmFailed(startup.FailureReason(ex));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot @{Username} (id {BotId}) is polling for updates")]
    private partial void LogStarted(string username, long botId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the webhook; polling will fail with 409 while one is set")]
    private partial void LogDeleteWebhookFailed();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling failed ({Reason}); next attempt in {Delay}")]
    private partial void LogPollingFailed(string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram refused getUpdates with 409 Conflict ({Reason}): another instance of this bot is polling with the same token, or a webhook is set. Stop the other instance, or delete the webhook (deleteWebhook) to use polling. Next attempt in {Delay}")]
    private partial void LogConflict(string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped; updates below {Offset} confirmed")]
    private partial void LogConfirmed(int offset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not confirm the handled updates on stop ({Reason}); Telegram may deliver some again")]
    private partial void LogConfirmFailed(string reason);
}
