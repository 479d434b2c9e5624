using TreatyBot.Knowledge;

namespace TreatyBot.Storage;

/// <summary>
/// What a chat chose for itself, kept across restarts; for now its reply language (<c>/lang</c>). On one SQLite file
/// (<see cref="SqliteChatSettings"/>) or on the Redis server several replicas share (<see cref="RedisChatSettings"/>);
/// the events tell a replica that caches choices when another replica changed one.
/// </summary>
internal interface IChatSettings
{
    /// <summary>
    /// A chat's choice may have changed (also by this process): forget what is cached of it. Raised on a thread of the
    /// store's; a store only this process writes never raises it.
    /// </summary>
    event Action<long>? Changed;

    /// <summary>
    /// Changes may have been missed (the store was away, or its notifications were): forget everything cached. A store
    /// only this process writes never raises it.
    /// </summary>
    event Action? ChangesMissed;

    /// <summary>The language the chat chose, or null if it chose none.</summary>
    Task<Language?> GetLanguageAsync(long chatId, CancellationToken cancellationToken);

    /// <summary>Records the chat's choice; when the task completes, the choice is durable (it survives a crash).</summary>
    Task SetLanguageAsync(long chatId, Language language, CancellationToken cancellationToken);
}
