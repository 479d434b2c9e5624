namespace TreatyBot.Knowledge;

/// <summary>The languages the bot answers in. Russian first.</summary>
public enum Language
{
    Ru,
    En,
}

public static class LanguageExtensions
{
    /// <summary>Every language the bot answers in, Russian first.</summary>
    public static IReadOnlyList<Language> All { get; } = [Language.Ru, Language.En];

    /// <summary>The two-letter code: <c>ru</c>, <c>en</c>; also the keys of the texts in <c>responses/</c>.</summary>
    public static string Code(this Language language) => language == Language.Ru ? "ru" : "en";

    /// <summary>Reads exactly a language's code (<c>/lang en</c>, a button's data); null for anything else.</summary>
    public static Language? FromChoice(string? code) =>
        All.Cast<Language?>().FirstOrDefault(l => string.Equals(l!.Value.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads a Telegram <c>language_code</c> or a <c>/lang</c> argument; anything but Russian-family codes is English.</summary>
    public static Language? FromCode(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        var c when c.StartsWith("ru", StringComparison.Ordinal) || c.StartsWith("uk", StringComparison.Ordinal)
            || c.StartsWith("be", StringComparison.Ordinal) || c.StartsWith("kk", StringComparison.Ordinal) => Language.Ru,
        _ => Language.En,
    };
}
