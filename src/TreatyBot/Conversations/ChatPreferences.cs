using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using TreatyBot.Knowledge;
using TreatyBot.Storage;

namespace TreatyBot.Conversations;

/// <summary>
/// The reply language a chat chose with /lang, kept in the store (<see cref="IChatSettings"/>) so that it survives a
/// restart, with the chats seen lately cached in front (a read from the file costs about 50 µs, several times the
/// matching of a question; from Redis, a round trip). A choice is confirmed only once it is written; a store that
/// cannot be read costs the choice (logged), not the answer. With several replicas, the store says when a chat's choice
/// changed elsewhere (<see cref="IChatSettings.Changed"/>) or changes may have been missed
/// (<see cref="IChatSettings.ChangesMissed"/>), and the cache forgets it.
/// </summary>
internal sealed partial class ChatPreferences
{
    /// <summary>At most this many chats are cached (about half a megabyte); past it the cache starts afresh.</summary>
    public const int CachedChats = 10_000;

    private readonly IChatSettings settings;
    private readonly ILogger<ChatPreferences> logger;

    // A chat that chose nothing is cached too (as null), so that it costs one read, not one per message.
    private readonly ConcurrentDictionary<long, Language?> cache = new();

    // Counts what the cache was told to forget: a read (or a write) that saw it move while it waited on the store may
    // carry a value older than the change, and is not cached.
    private long generation;

    public ChatPreferences(IChatSettings settings, ILogger<ChatPreferences> logger)
    {
        this.settings = settings;
        this.logger = logger;
        settings.Changed += Forget;
        settings.ChangesMissed += ForgetAll;
    }

    public async Task<Language?> LanguageOfAsync(long chatId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(chatId, out var cached))
        {
            return cached;
        }

        var seen = Interlocked.Read(ref generation);
        Language? stored;
        try
        {
            stored = await settings.GetLanguageAsync(chatId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReadFailed(ex, chatId);
            return null;
        }

        // Added only if absent: a choice written meanwhile (SetLanguageAsync) wins over this older read.
        Remember(chatId, stored, seen, overwrite: false);
        return stored;
    }

    /// <summary>Completes once the choice is durable; a failure propagates, so the chat is not told "done".</summary>
    public async Task SetLanguageAsync(long chatId, Language language, CancellationToken cancellationToken)
    {
        var seen = Interlocked.Read(ref generation);
        await settings.SetLanguageAsync(chatId, language, cancellationToken);
        Remember(chatId, language, seen, overwrite: true);
    }

    private void Remember(long chatId, Language? language, long seen, bool overwrite)
    {
        if (cache.Count >= CachedChats)
        {
            cache.Clear();
        }

        if (overwrite)
        {
            cache[chatId] = language;
        }
        else
        {
            cache.TryAdd(chatId, language);
        }

        // A change came in while the store was asked: what was just cached may predate it.
        if (Interlocked.Read(ref generation) != seen)
        {
            cache.TryRemove(chatId, out _);
        }
    }

    private void Forget(long chatId)
    {
        Interlocked.Increment(ref generation);
        cache.TryRemove(chatId, out _);
    }

    private void ForgetAll()
    {
        Interlocked.Increment(ref generation);
        cache.Clear();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat {ChatId}: its language could not be read from the store; answering without it")]
    private partial void LogReadFailed(Exception exception, long chatId);
}
