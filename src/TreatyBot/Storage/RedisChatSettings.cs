using System.Globalization;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using TreatyBot.Knowledge;

namespace TreatyBot.Storage;

/// <summary>
/// <see cref="IChatSettings"/> on Redis: the hash <c>{prefix}:chat-languages</c>, a field per chat that chose (its id)
/// holding the language code. A choice is written and announced on the channel <c>{prefix}:chat-settings</c> (the chat
/// id) in one script, so every replica hears of it (<see cref="Changed"/>); when the server or the channel was away,
/// announcements may have been lost, and <see cref="ChangesMissed"/> is raised once it is back (and once at the first
/// subscription, for what was read before it).
/// </summary>
internal sealed partial class RedisChatSettings : IChatSettings
{
    private const string SetAndPublish = """
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        redis.call('PUBLISH', ARGV[3], ARGV[1])
        return 1
        """;

    private readonly RedisConnection connection;
    private readonly ILogger<RedisChatSettings> logger;
    private readonly RedisKey key;
    private readonly RedisChannel channel;
    private int subscribed;

    public RedisChatSettings(RedisConnection connection, ILogger<RedisChatSettings> logger)
    {
        this.connection = connection;
        this.logger = logger;
        key = connection.Key("chat-languages");
        channel = connection.Channel("chat-settings");
        connection.Restored += OnRestored;
        _ = SubscribeAsync();
    }

    public event Action<long>? Changed;

    public event Action? ChangesMissed;

    public async Task<Language?> GetLanguageAsync(long chatId, CancellationToken cancellationToken)
    {
        var code = await connection.RunAsync(db => db.HashGetAsync(key, Field(chatId)));

        // A code this build does not know (written by a newer one) counts as no choice.
        return code.HasValue ? LanguageExtensions.FromChoice(code.ToString()) : null;
    }

    public Task SetLanguageAsync(long chatId, Language language, CancellationToken cancellationToken) =>

        // Redis acknowledges once the write is applied (and in its append-only file as its fsync policy says).
        connection.RunAsync(db => db.ScriptEvaluateAsync(SetAndPublish, [key], [Field(chatId), language.Code(), channel.ToString()]));

    private static RedisValue Field(long chatId) => chatId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Listens on the channel; until it works, each time the server comes back it tries again.</summary>
    private async Task SubscribeAsync()
    {
        if (Volatile.Read(ref subscribed) == 1)
        {
            return;
        }

        try
        {
            var subscriber = await connection.SubscriberAsync();
            await subscriber.SubscribeAsync(channel, (_, message) =>
            {
                if (long.TryParse(message.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var chatId))
                {
                    LogChanged(chatId);
                    Changed?.Invoke(chatId);
                }
            });
            if (Interlocked.Exchange(ref subscribed, 1) == 0)
            {
                // The channel's own connection may drop and come back apart from the commands': either way, changes
                // announced meanwhile were not heard.
                subscriber.Multiplexer.ConnectionRestored += (_, _) => ChangesMissed?.Invoke();
                ChangesMissed?.Invoke();
            }
        }
        catch (Exception ex) when (RedisConnection.IsOutage(ex) || ex is RedisException)
        {
            LogNotSubscribed(ex);
        }
    }

    private void OnRestored()
    {
        ChangesMissed?.Invoke();
        _ = SubscribeAsync();
    }

    [LoggerMessage(Level = LogLevel.Trace, Message = "Chat {ChatId}: its settings changed (announced by a replica)")]
    private partial void LogChanged(long chatId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Chat settings: not listening for other replicas' changes yet; trying again when Redis is back")]
    private partial void LogNotSubscribed(Exception exception);
}
