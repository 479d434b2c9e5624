using TreatyBot.Knowledge;

namespace TreatyBot.Storage;

/// <summary>
/// What a chat chose for itself, kept across restarts; for now its reply language (<c>/lang</c>). The bot's one store
/// of it: <see cref="SqliteChatSettings"/>, one file per bot; a store shared by several replicas can take its place.
/// </summary>
internal interface IChatSettings
{
    /// <summary>The language the chat chose, or null if it chose none.</summary>
    Task<Language?> GetLanguageAsync(long chatId, CancellationToken cancellationToken);

    /// <summary>Records the chat's choice; when the task completes, the choice is durable (it survives a crash).</summary>
    Task SetLanguageAsync(long chatId, Language language, CancellationToken cancellationToken);
}
