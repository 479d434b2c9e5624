using System.Text.RegularExpressions;
using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Tests.Knowledge;

/// <summary>
/// One narrator voice: the bot speaks in the first person singular («в моих источниках», "my sources", "I"), never
/// as «мы» / "we", in the facts and in its own texts.
/// </summary>
public sealed partial class NarratorVoiceTests(FactBaseFixture knowledge) : IClassFixture<FactBaseFixture>
{
    [Fact]
    public void Facts_Russian_NeverSpeakAsWe()
    {
        var offending = Texts(Language.Ru).Where(t => RuWe().IsMatch(t.Text)).Select(t => $"{t.Where}: {t.Text}").ToList();

        Assert.True(offending.Count == 0, string.Join("\n", offending));
    }

    [Fact]
    public void Facts_English_NeverSpeakAsWe()
    {
        var offending = Texts(Language.En).Where(t => EnWe().IsMatch(t.Text)).Select(t => $"{t.Where}: {t.Text}").ToList();

        Assert.True(offending.Count == 0, string.Join("\n", offending));
    }

    [Fact]
    public void Facts_BothLanguages_SayMySources()
    {
        Assert.Contains(Texts(Language.Ru), t => t.Text.Contains("в моих источниках", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(Texts(Language.En), t => t.Text.Contains("my sources", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("Текста этого пункта в наших источниках нет.", "ru", true)]
    [InlineData("Мы предпочитаем 26 февраля.", "ru", true)]
    [InlineData("запись нам недоступна", "ru", true)]
    [InlineData("Насчёт Сахалина в моих источниках ничего нет.", "ru", false)]
    [InlineData("Не нашёл ответа на этот вопрос.", "ru", false)]
    [InlineData("The text available to us breaks off.", "en", true)]
    [InlineData("We prefer 15 April.", "en", true)]
    [InlineData("as reported by US Ambassador Harriman", "en", false)]
    public void We_SampleText_IsFound(string text, string code, bool expected)
    {
        var pattern = code == "ru" ? RuWe() : EnWe();
        Assert.Equal(expected, pattern.IsMatch(text));
    }

    private IEnumerable<(string Where, string Text)> Texts(Language language)
    {
        var facts = knowledge.Facts;
        foreach (var fact in facts.Facts)
        {
            foreach (var text in SpellingTests.OwnWords(fact, language))
            {
                yield return (fact.Id, text);
            }
        }

        foreach (var key in UiTexts.RequiredTexts)
        {
            yield return ("texts.yaml " + key, facts.Texts.Get(key, language));
        }
    }

    [GeneratedRegex(@"(?<!\p{L})(?:мы|нам|нас|нами|наш|наша|наше|наши|нашего|нашей|нашему|нашим|нашими|наших|нашу|нашем)(?!\p{L})", RegexOptions.IgnoreCase)]
    private static partial Regex RuWe();

    [GeneratedRegex(@"\b(?:[Ww]e|[Oo]urs?|us|[Oo]urselves)\b")]
    private static partial Regex EnWe();
}
