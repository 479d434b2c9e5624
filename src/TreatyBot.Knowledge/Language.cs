namespace TreatyBot.Knowledge;

/// <summary>The languages the bot answers in. Russian first.</summary>
public enum Language
{
    Ru,
    En,
}

public static class LanguageExtensions
{
    public static string Code(this Language language) => language == Language.Ru ? "ru" : "en";

    /// <summary>Reads a Telegram <c>language_code</c> or a <c>/lang</c> argument; anything but Russian-family codes is English.</summary>
    public static Language? FromCode(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        var c when c.StartsWith("ru", StringComparison.Ordinal) || c.StartsWith("uk", StringComparison.Ordinal)
            || c.StartsWith("be", StringComparison.Ordinal) || c.StartsWith("kk", StringComparison.Ordinal) => Language.Ru,
        _ => Language.En,
    };
}
