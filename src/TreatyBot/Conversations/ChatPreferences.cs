using System.Collections.Concurrent;
using TreatyBot.Knowledge;

namespace TreatyBot.Conversations;

/// <summary>The reply language a chat chose with /lang; kept while the bot runs.</summary>
internal sealed class ChatPreferences
{
    private readonly ConcurrentDictionary<long, Language> languages = new();

    public Language? LanguageOf(long chatId) => languages.TryGetValue(chatId, out var language) ? language : null;

    public void SetLanguage(long chatId, Language language) => languages[chatId] = language;
}
