using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Answers;

namespace TreatyBot.Tests.Knowledge;

/// <summary>For a question on each dated topic, the answer states the date FACTS.md gives.</summary>
public sealed class TopicDateTests(FactBaseFixture knowledge) : IClassFixture<FactBaseFixture>
{
    [Theory]
    [InlineData("Какого числа подписали советско-японскую конвенцию?", "20 января 1925")]
    [InlineData("Когда в Пекине открылись официальные советско-японские переговоры?", "14 мая 1924")]
    [InlineData("Когда японскому консулу во Владивостоке направили уведомление?", "13 февраля 1924")]
    [InlineData("До какого числа японцы должны были вывести войска с Северного Сахалина?", "15 мая 1925")]
    [InlineData("Когда Япония ратифицировала конвенцию?", "25 февраля 1925")]
    [InlineData("С какого числа конвенция действует?", "26 февраля 1925")]
    [InlineData("Когда конвенцию обнародовали в Японии?", "27 февраля 1925")]
    [InlineData("When was the convention registered with the League of Nations?", "20 May 1925")]
    [InlineData("Когда заключили договор о нефтяной концессии?", "14 декабря 1925")]
    [InlineData("When was the Soviet-Japanese neutrality pact signed?", "13 April 1941")]
    [InlineData("Когда подписали протокол о ликвидации японских концессий?", "30 марта 1944")]
    [InlineData("When was the Treaty of Portsmouth signed?", "5 September 1905")]
    [InlineData("В каком году подписана русско-японская рыболовная конвенция?", "1907")]
    public void Ask_QuestionOnADatedTopic_StatesTheDate(string question, string date)
    {
        var answer = knowledge.Answerer.Ask(question);

        Assert.True(answer.Kind == AnswerKind.Fact, $"{answer.Kind}: {string.Join(", ", answer.Candidates.Select(c => c.Fact.Id))}");
        Assert.Contains(date, answer.Fact!.Statement(answer.Language), StringComparison.Ordinal);
    }

    [Fact]
    public void Timeline_AnEventWhoseTitleNamesAYear_IsPlacedInThatYear()
    {
        // «Сближение России и Японии 1907–1916» belongs in 1907, not at the war of 1904 that its detail mentions first.
        var misplaced = knowledge.Facts.Timeline()
            .Select(e => (e.Date, e.Fact, Years: System.Text.RegularExpressions.Regex.Matches(e.Fact.Title[Language.Ru], @"\b1[89]\d\d\b").Select(m => int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList()))
            .Where(e => e.Years.Count > 0 && e.Years[0] != e.Date.Year)
            .Select(e => $"{e.Fact.Id}: {e.Date.Year}")
            .ToList();

        Assert.True(misplaced.Count == 0, string.Join(", ", misplaced));
    }
}
