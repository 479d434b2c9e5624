namespace TreatyBot.LoadBench;

/// <summary>A question of the load mix, with the language code its sender's Telegram client reports.</summary>
public sealed record Question(string LanguageCode, string Text)
{
    /// <summary>
    /// What users write, mostly plain questions in either language, then typos, Latin-typed Russian, the wrong keyboard
    /// layout, dates, other subjects and small talk. Cycled through in order, so every run asks the same questions.
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
        new("ru", "кгда подписали пекинскй догвор"),
        new("en", "whn was the tready signd"),
        new("ru", "kogda byl podpisan pekinskiy dogovor"),
        new("ru", "ytanzyfz rjywtccbz"),
        new("ru", "что было 15 мая 1925 года?"),
        new("en", "what happened on March 30, 1944"),
        new("ru", "какая погода на сахалине"),
        new("en", "when was the treaty of shimonoseki signed"),
        new("ru", "кто выиграл чемпионат мира по футболу"),
        new("ru", "привет! кто ты?"),
    ];
}
