using TreatyBot.Knowledge;

namespace TreatyBot.Rendering;

/// <summary>
/// What a button asks for, in Telegram's 64-byte callback data: open a fact (<c>f:ru:signing-date</c>) or ask an
/// example question (<c>q:en:2</c>). Everything needed is in the data, so buttons of old messages keep working.
/// </summary>
internal sealed record CallbackData(char Kind, Language Language, string Value)
{
    public const char OpenFact = 'f';
    public const char AskExample = 'q';

    public const int MaxBytes = 64;

    public static CallbackData Fact(Language language, string factId) => new(OpenFact, language, factId);

    public static CallbackData Example(Language language, int index) =>
        new(AskExample, language, index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static CallbackData? Parse(string? data)
    {
        var parts = data?.Split(':', 3);
        return parts is [[var kind], var code, { Length: > 0 } value] && kind is OpenFact or AskExample
            && LanguageExtensions.FromChoice(code) is { } language && code == language.Code()
            ? new CallbackData(kind, language, value)
            : null;
    }

    public override string ToString() => $"{Kind}:{Language.Code()}:{Value}";
}
