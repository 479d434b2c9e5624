using System.Text.RegularExpressions;

namespace TreatyBot.Hosting;

/// <summary>
/// Finds bot tokens in text — <c>bot&lt;id&gt;:&lt;secret&gt;</c> as in a request URL, or the bare
/// <c>&lt;id&gt;:&lt;secret&gt;</c> — and masks the secret. The id stays: it names the bot and is safe to show.
/// Every token <see cref="Receiving.BotOptions"/> accepts has this shape.
/// </summary>
internal static partial class TokenRedactor
{
    public const string Mask = "[REDACTED]";

    /// <summary><paramref name="text"/> with the secret of every token in it masked; the same instance when there is none.</summary>
    public static string Redact(string text)
    {
        return MayContainToken(text) ? Token().Replace(text, "${id}:" + Mask) : text;
    }

    /// <summary>Whether <paramref name="text"/> holds something shaped like a token.</summary>
    public static bool ContainsToken(string? text) => text is not null && MayContainToken(text) && Token().IsMatch(text);

    private static bool MayContainToken(string text) => text.Contains(':', StringComparison.Ordinal) || text.Contains('%', StringComparison.Ordinal);

    // Digits not preceded by a digit (so "bot123…" matches too), a colon (also percent-encoded), 30+ secret characters.
    [GeneratedRegex("(?<![0-9])(?<id>[0-9]{3,20})(?::|%3[Aa])[A-Za-z0-9_-]{30,}", RegexOptions.CultureInvariant)]
    private static partial Regex Token();
}
