namespace TreatyBot.Benchmarks;

/// <summary>
/// A question of the benchmark mix: the kind of reading it needs, and the language code its sender's Telegram client
/// reports. One mix serves the matching benchmarks and the end-to-end load (tests/TreatyBot.LoadBench links this file).
/// </summary>
public sealed record Question(string Kind, string LanguageCode, string Text)
{
    /// <summary>How many questions <see cref="Mix"/> holds (an attribute needs it as a constant).</summary>
    public const int MixSize = 24;

    /// <summary>
    /// A realistic mix, weighted the way users write: mostly plain questions in either language, then typos,
    /// Latin-typed Russian, the wrong keyboard layout, dates, other subjects and small talk.
    /// </summary>
    public static IReadOnlyList<Question> Mix { get; } =
    [
        new("plain", "ru", "Когда подписали Пекинский договор?"),
        new("plain", "ru", "кто подписал конвенцию от японии"),
        new("plain", "ru", "какие концессии получила япония на северном сахалине"),
        new("plain", "ru", "до какого числа японские войска должны были уйти с сахалина"),
        new("plain", "ru", "что говорится в статье 2 о портсмутском договоре"),
        new("plain", "ru", "когда ликвидировали японские концессии"),
        new("plain", "ru", "угольная концессия"),
        new("plain", "ru", "на каком языке составлен подлинный текст"),
        new("plain", "en", "When was the Treaty of Peking signed?"),
        new("plain", "en", "who signed on behalf of japan"),
        new("plain", "en", "what concessions did japan get on sakhalin"),
        new("plain", "en", "when did the convention come into force"),
        new("plain", "en", "oil concession"),
        new("plain", "en", "league of nations registration"),
        new("typo", "ru", "кгда подписали пекинскй догвор"),
        new("typo", "en", "whn was the tready signd"),
        new("translit", "ru", "kogda byl podpisan pekinskiy dogovor"),
        new("layout", "ru", "ytanzyfz rjywtccbz"),
        new("date", "ru", "что было 15 мая 1925 года?"),
        new("date", "en", "what happened on March 30, 1944"),
        new("out", "ru", "какая погода на сахалине"),
        new("out", "en", "when was the treaty of shimonoseki signed"),
        new("out", "ru", "кто выиграл чемпионат мира по футболу"),
        new("smalltalk", "ru", "привет! кто ты?"),
    ];

    public override string ToString() => $"{Kind} ({LanguageCode}): {Text}";
}
