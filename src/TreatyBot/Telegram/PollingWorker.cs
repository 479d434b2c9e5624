using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using TreatyBot.Hosting;

namespace TreatyBot.Telegram;

/// <summary>
/// Long-polls getUpdates and hands each update to <see cref="UpdateHandler"/>. An update is confirmed (the offset
/// moves past it) only after it has been handled, so an update in hand when the bot stops comes back after a restart.
/// </summary>
public sealed partial class PollingWorker(
    ITelegramBotClient bot,
    UpdateHandler handler,
    BotIdentity identity,
    KnowledgeStore knowledge,
    IOptions<BotOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<PollingWorker> logger) : BackgroundService
{
    /// <summary>Only what the bot handles; Telegram then does not even send the rest.</summary>
    internal static readonly UpdateType[] AllowedUpdates =
        [UpdateType.Message, UpdateType.ChannelPost, UpdateType.CallbackQuery, UpdateType.InlineQuery];

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

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
        var offset = 0;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            Update[] updates;
            try
            {
                updates = await bot.GetUpdates(offset, 100, options.Value.PollTimeoutSeconds, AllowedUpdates, stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 401)
            {
                Stop(ex);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                var delay = Backoff(++failures);
                LogPollingFailed(ex, delay);
                await Task.Delay(delay, time, stoppingToken);
                continue;
            }

            foreach (var update in updates)
            {
                await handler.HandleAsync(update, stoppingToken);
                offset = update.Id + 1;
            }
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
                await Task.Delay(delay, time, stoppingToken);
            }
        }

        return null;
    }

    /// <summary>The command menus are a convenience: a failure is logged and the bot goes on.</summary>
    private async Task SetCommandMenusAsync(CancellationToken stoppingToken)
    {
        try
        {
            await CommandMenus.SetAsync(bot, knowledge.Facts.Texts, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogCommandMenusFailed(ex);
        }
    }

    private void Stop(ApiRequestException ex)
    {
        LogTokenRejected(ex.Message, options.Value.BotId);
        Environment.ExitCode = 4;
        lifetime.StopApplication();
    }

    /// <summary>About 1 s doubling to 30 s, with ±20 % jitter so that restarted bots do not poll in step.</summary>
    private static TimeSpan Backoff(int attempt)
    {
        var seconds = Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(attempt - 1, 5)));
        return TimeSpan.FromSeconds(seconds * (0.8 + (0.4 * Random.Shared.NextDouble())));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot @{Username} (id {BotId}) is polling for updates")]
    private partial void LogStarted(string username, long botId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not set the command menus; the bot works without them")]
    private partial void LogCommandMenusFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling failed; next attempt in {Delay}")]
    private partial void LogPollingFailed(Exception exception, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Telegram rejected the token of bot {BotId} ({Reason}): it was revoked or mistyped. Get a new one from @BotFather and set Bot__Token. Stopping.")]
    private partial void LogTokenRejected(string reason, string botId);
}
