using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Rendering;

namespace TreatyBot.Tests.Knowledge;

/// <summary>Questions a user would type, for each topic of the spine, in both languages.</summary>
public sealed class AnswererTests(KnowledgeFixture knowledge) : IClassFixture<KnowledgeFixture>
{
    [Theory]
    // dates
    [InlineData("Когда была подписана советско-японская конвенция?", "20 января 1925")]
    [InlineData("какого числа заключили пекинский договор", "20 января 1925")]
    [InlineData("On what day was the Peking convention signed?", "20 January 1925")]
    [InlineData("В каком городе подписали конвенцию?", "Пекин")]
    [InlineData("where was the soviet-japanese convention concluded", "Peking")]
    [InlineData("Когда стартовали официальные переговоры СССР и Японии?", "14 мая 1924")]
    [InlineData("when did the official talks in Beijing begin", "14 May 1924")]
    [InlineData("с какого дня конвенция вступила в силу", "1925")]
    // parties
    [InlineData("Между какими государствами заключён договор?", "Япони")]
    [InlineData("Кто поставил подпись от Японии?", "зава")]
    [InlineData("Who signed the convention on the Soviet side?", "Karakhan")]
    [InlineData("which countries signed the treaty of peking", "Japan")]
    // concessions
    [InlineData("Какие концессии Япония получила на Северном Сахалине?", "нефт")]
    [InlineData("what concessions did japan receive on sakhalin", "oil")]
    [InlineData("Когда был подписан договор о нефтяной концессии?", "14 декабря 1925")]
    [InlineData("when was the oil concession contract signed", "14 December 1925")]
    public void Ask_QuestionOnATopic_AnswersWithTheFact(string question, string expected)
    {
        var answer = knowledge.Store.Answerer.Ask(question);

        Assert.Equal(AnswerKind.Fact, answer.Kind);
        var text = AnswerRenderer.PlainAnswer(answer.Fact!, answer.Language);
        Assert.Contains(expected, text, StringComparison.OrdinalIgnoreCase);
        Assert.InRange(answer.Score, Answerer.Threshold, 1.0);
    }

    [Theory]
    [InlineData("what is the weather in Moscow")]
    [InlineData("Как приготовить борщ?")]
    [InlineData("кто выиграл чемпионат мира по футболу")]
    [InlineData("asdfgh qwerty")]
    public void Ask_UnrelatedQuestion_Abstains(string question)
    {
        var answer = knowledge.Store.Answerer.Ask(question);

        Assert.True(answer.Abstained, $"answered with {answer.Fact?.Id} ({answer.Score:F2})");
        Assert.False(string.IsNullOrWhiteSpace(answer.Reply));
    }

    [Theory]
    [InlineData("Когда подписан договор?", Language.Ru)]
    [InlineData("When was the treaty signed?", Language.En)]
    public void Ask_AnyQuestion_RepliesInTheQuestionsLanguage(string question, Language language)
    {
        Assert.Equal(language, knowledge.Store.Answerer.Ask(question, Language.Ru).Language);
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("?!…")]
    public void Ask_NothingAsked_SaysHowToAsk(string question)
    {
        var answer = knowledge.Store.Answerer.Ask(question);

        Assert.Equal(AnswerKind.Empty, answer.Kind);
        Assert.False(string.IsNullOrWhiteSpace(answer.Reply));
    }
}
