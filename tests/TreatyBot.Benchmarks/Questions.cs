namespace TreatyBot.Benchmarks;

/// <summary>A question of the benchmark mix and the kind of reading it needs.</summary>
public sealed record Question(string Kind, string Text)
{
    /// <summary>How many questions <see cref="Mix"/> holds (an attribute needs it as a constant).</summary>
    public const int MixSize = 24;

    /// <summary>
    /// A realistic mix, weighted the way users write: mostly plain questions in either language, then typos,
    /// Latin-typed Russian, the wrong keyboard layout, dates, other subjects and small talk.
    /// </summary>
    public static IReadOnlyList<Question> Mix { get; } =
    [
        new("ru", "Когда подписали Пекинский договор?"),
        new("ru", "кто подписал конвенцию от японии"),
        new("ru", "какие концессии получила япония на северном сахалине"),
        new("ru", "до какого числа японские войска должны были уйти с сахалина"),
        new("ru", "что говорится в статье 2 о портсмутском договоре"),
        new("ru", "когда ликвидировали японские концессии"),
        new("ru", "угольная концессия"),
        new("ru", "на каком языке составлен подлинный текст"),
        new("en", "When was the Treaty of Peking signed?"),
        new("en", "who signed on behalf of japan"),
        new("en", "what concessions did japan get on sakhalin"),
        new("en", "when did the convention come into force"),
        new("en", "oil concession"),
        new("en", "league of nations registration"),
        new("typo", "кгда подписали пекинскй догвор"),
        new("typo", "whn was the tready signd"),
        new("translit", "kogda byl podpisan pekinskiy dogovor"),
        new("layout", "ytanzyfz rjywtccbz"),
        new("date", "что было 15 мая 1925 года?"),
        new("date", "what happened on March 30, 1944"),
        new("out", "какая погода на сахалине"),
        new("out", "when was the treaty of shimonoseki signed"),
        new("out", "кто выиграл чемпионат мира по футболу"),
        new("smalltalk", "привет! кто ты?"),
    ];

    public override string ToString() => $"{Kind}: {Text}";
}
