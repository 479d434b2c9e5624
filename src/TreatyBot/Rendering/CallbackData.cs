using TreatyBot.Knowledge;

namespace TreatyBot.Rendering;

/// <summary>
/// What a button asks for, in Telegram's 64-byte callback data: open a fact (<c>f:ru:signing-date</c>), ask an
/// example question (<c>q:en:2</c>), or vote on the fact a message shows (<c>+:ru:signing-date</c>, <c>-:ru:…</c>).
/// Everything needed is in the data, so buttons of old messages keep working; nothing in it is about a user, so one
/// rendered keyboard serves every chat.
/// </summary>
internal sealed record CallbackData(char Kind, Language Language, string Value)
{
    public const char OpenFact = 'f';
    public const char AskExample = 'q';
    public const char VoteUp = '+';
    public const char VoteDown = '-';

    public const int MaxBytes = 64;

    public static CallbackData Fact(Language language, string factId) => new(OpenFact, language, factId);

    public static CallbackData Example(Language language, int index) =>
        new(AskExample, language, index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A 👍 (<paramref name="up"/>) or 👎 on the fact a message shows.</summary>
    public static CallbackData Vote(Language language, string factId, bool up) => new(up ? VoteUp : VoteDown, language, factId);

    public static CallbackData? Parse(string? data)
    {
        var parts = data?.Split(':', 3);
        return parts is [[var kind], var code, { Length: > 0 } value] && kind is OpenFact or AskExample or VoteUp or VoteDown
            && LanguageExtensions.FromChoice(code) is { } language && code == language.Code()
            ? new CallbackData(kind, language, value)
            : null;
    }

    public override string ToString() => $"{Kind}:{Language.Code()}:{Value}";
}
