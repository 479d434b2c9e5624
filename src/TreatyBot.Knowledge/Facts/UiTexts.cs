namespace TreatyBot.Knowledge.Facts;

/// <summary>The bot's own phrases (texts.yaml): greeting, help, refusals, errors. Keys are checked on load.</summary>
public sealed class UiTexts(IReadOnlyDictionary<string, LocalizedText> texts, IReadOnlyDictionary<string, LocalizedList> lists)
{
    /// <summary>The phrases the code asks for; texts.yaml must define each.</summary>
    public static IReadOnlyList<string> RequiredTexts { get; } =
    [
        "greeting", "help", "group-help", "no-answer", "out-of-scope", "not-in-sources", "did-you-mean",
        "unknown-command", "empty-question", "non-text", "error", "disputed", "source", "sources", "excerpt-label",
        "smalltalk-hello", "smalltalk-thanks", "smalltalk-who", "timeline", "sources-list", "lang-set", "lang-usage",
        "related-button", "button-expired", "split-continued", "slow-down", "partial", "closest",
        "anniversary-today", "anniversary-on", "anniversary-none-today", "subscribe-usage", "subscribe-unknown-zone",
        "subscribe-done", "subscription-on", "subscription-off", "unsubscribe-done", "unsubscribe-none", "admins-only",
        "feedback-up", "feedback-down", "feedback-thanks", "feedback-changed", "store-unavailable",
    ];

    /// <summary>The lists the code asks for (example questions, in each language).</summary>
    public static IReadOnlyList<string> RequiredLists { get; } = ["examples", "commands-private", "commands-group", YearsAgo];

    /// <summary>The word after a number of years: Russian one, few, many (год, года, лет); English one, other.</summary>
    public const string YearsAgo = "years-ago";

    public LocalizedText this[string key] =>
        texts.TryGetValue(key, out var text) ? text : throw new KeyNotFoundException($"texts.yaml has no '{key}'");

    public string Get(string key, Language language) => this[key][language];

    public IReadOnlyList<string> List(string key, Language language) =>
        lists.TryGetValue(key, out var list)
            ? (language == Language.Ru ? list.Ru : list.En)
            : throw new KeyNotFoundException($"texts.yaml has no list '{key}'");
}
