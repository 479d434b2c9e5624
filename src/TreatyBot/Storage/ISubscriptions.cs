using TreatyBot.Knowledge;

namespace TreatyBot.Storage;

/// <summary>
/// A chat's "this day in history" subscription: where the posts go (the chat, and the forum topic it was asked in), at
/// what local time in which IANA time zone, and the language of whoever subscribed (the chat's <c>/lang</c> wins).
/// </summary>
internal sealed record Subscription(long ChatId, int? ThreadId, TimeOnly At, string Zone, Language Language);

/// <summary>
/// The chats that get anniversary posts, kept across restarts. The bot's one store of them:
/// <see cref="SqliteSubscriptions"/>; a store shared by several replicas can take its place.
/// </summary>
internal interface ISubscriptions
{
    /// <summary>
    /// A subscription changed somewhere — through another replica too, with a store they share — or such news may have
    /// been missed (the store came back): whoever plans posts should look again.
    /// </summary>
    event Action? Changed;

    /// <summary>Adds the chat's subscription, or replaces its time, zone, topic and language; durable when it completes.</summary>
    Task SubscribeAsync(Subscription subscription, CancellationToken cancellationToken);

    /// <summary>Ends the chat's subscription; false if it had none.</summary>
    Task<bool> UnsubscribeAsync(long chatId, CancellationToken cancellationToken);

    Task<Subscription?> GetAsync(long chatId, CancellationToken cancellationToken);

    /// <summary>Every subscription, in chat order.</summary>
    Task<IReadOnlyList<Subscription>> AllAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A group became a supergroup (a new chat id): its subscription, and the record of what was posted to it, move to
    /// the new id. Nothing happens if the old id has none, or the new one has its own already.
    /// </summary>
    Task MoveAsync(long fromChatId, long toChatId, CancellationToken cancellationToken);

    /// <summary>Posts go to the general topic from now on (the topic they went to was closed or deleted).</summary>
    Task ClearTopicAsync(long chatId, CancellationToken cancellationToken);
}
