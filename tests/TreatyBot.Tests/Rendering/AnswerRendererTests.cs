using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Facts;
using TreatyBot.KnowledgeBase;
using TreatyBot.Rendering;

namespace TreatyBot.Tests.Rendering;

public sealed class AnswerRendererTests(KnowledgeFixture knowledge) : IClassFixture<KnowledgeFixture>
{
    private UiTexts Texts => knowledge.Store.Facts.Texts;

    [Fact]
    public void ToHtml_DisputedFact_ShowsTheDisputeVisibly()
    {
        var disputed = knowledge.Store.Facts.Facts.First(f => f.IsDisputed);

        var html = AnswerRenderer.ToHtml(new Answer("q", Language.Ru, AnswerKind.Fact, disputed, 1, [], null), Texts);

        Assert.Contains(Texts.Get("disputed", Language.Ru), html, StringComparison.Ordinal);
        Assert.Contains(disputed.Dispute!.Ru, TelegramHtml.VisibleText(html), StringComparison.Ordinal);
        Assert.Empty(TelegramHtml.Problems(html));
    }

    [Theory]
    [InlineData("Конвенцию подписали в Токио?", "Нет. ", "Пекин")]
    [InlineData("was the treaty signed in 1926?", "No. ", "20 January 1925")]
    [InlineData("Правда ли, что конвенцию подписали в Пекине?", "Да. ", "Пекин")]
    [InlineData("Was the treaty signed in January 1925?", "Yes. ", "20 January 1925")]
    public void ToHtml_YesNoQuestion_OpensWithYesOrNoThenTheAnswer(string question, string no, string real)
    {
        var answer = knowledge.Store.Answerer.Ask(question);

        var html = AnswerRenderer.ToHtml(answer, Texts);
        var visible = TelegramHtml.VisibleText(html);

        Assert.StartsWith("<b>" + no, html, StringComparison.Ordinal);
        Assert.Contains(real, visible, StringComparison.Ordinal);
        Assert.StartsWith(no, AnswerRenderer.ToPlainText(answer, Texts), StringComparison.Ordinal);
        Assert.Empty(TelegramHtml.Problems(html));
    }

    [Fact]
    public void Reply_TwoQuestionsInOneMessage_ShowsBothFactsWithTheirSources_AsValidHtml()
    {
        var answer = knowledge.Store.Answerer.Ask("Когда подписали Пекинский договор? И кто его подписал?");

        var reply = AnswerRenderer.Reply(answer, knowledge.Store.Facts);
        var visible = TelegramHtml.VisibleText(reply.Html);

        Assert.Contains(answer.Fact!.Answer.Ru, visible, StringComparison.Ordinal);
        Assert.Contains(Assert.Single(answer.Also).Fact!.Answer.Ru, visible, StringComparison.Ordinal);
        Assert.Equal(2, visible.Split(Texts.Get("sources", Language.Ru) + ":").Length - 1 + visible.Split(Texts.Get("source", Language.Ru) + ":").Length - 1);
        Assert.Empty(TelegramHtml.Problems(reply.Html));
        Assert.All(HtmlSplitter.Split(reply.Html), part => Assert.Empty(TelegramHtml.Problems(part)));
        Assert.Contains(answer.Also[0].Fact!.Answer.Ru, AnswerRenderer.ToPlainText(answer, Texts), StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_MarkupInFactText_IsEscaped()
    {
        var source = new Source("s", new LocalizedText("Title <i>with</i> & \"quotes\"", "Title"), new Uri("https://example.org/a?b=1&c=\"2\""), SourceKind.Primary);
        var fact = new Fact(
            "f", [], "t", new LocalizedText("<b>x</b>", "<b>x</b>"), new LocalizedText("1 < 2 & </blockquote>", "1 < 2"),
            null, [], [], FactStatus.Solid, null, [new Citation(source, new LocalizedText("ст. <VI>", "Art. <VI>"))], "Текст <script>", LocalizedList.Empty,
            LocalizedList.Empty, [], new SourceLocation("x.yaml", 1));

        var html = AnswerRenderer.ToHtml(new Answer("q", Language.Ru, AnswerKind.Fact, fact, 1, [], null), Texts);

        Assert.Empty(TelegramHtml.Problems(html));
        Assert.Contains("1 < 2 & </blockquote>", TelegramHtml.VisibleText(html), StringComparison.Ordinal);
        Assert.Contains("Текст <script>", TelegramHtml.VisibleText(html), StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_Sources_PrimaryAndReferenceBeforeWeakSitesAtMostThree()
    {
        var fact = FactCiting(
            Cite("blog", SourceKind.Blog), Cite("treaty", SourceKind.Primary), Cite("aggregator", SourceKind.Aggregator),
            Cite("encyclopaedia", SourceKind.Reference));

        var visible = TelegramHtml.VisibleText(AnswerRenderer.ToHtml(new Answer("q", Language.En, AnswerKind.Fact, fact, 1, [], null), Texts));

        var sources = visible[(visible.LastIndexOf(':') + 1)..].Split(';').Select(s => s.Trim()).ToList();
        Assert.Equal(["treaty (en)", "encyclopaedia (en)", "aggregator (en)"], sources);
    }

    [Fact]
    public void ToHtml_RussianAnswer_UsesTheRussianLabelOfASource()
    {
        var fact = FactCiting(Cite("wiki", SourceKind.Reference));

        var visible = TelegramHtml.VisibleText(AnswerRenderer.ToHtml(new Answer("q", Language.Ru, AnswerKind.Fact, fact, 1, [], null), Texts));

        Assert.Contains("wiki (ru)", visible, StringComparison.Ordinal);
        Assert.DoesNotContain("wiki (en)", visible, StringComparison.Ordinal);
    }

    [Fact]
    public void ToPlainText_Source_ShowsTitleAndHostNotTheLongAddress()
    {
        var real = knowledge.Store.Facts.Facts.First(f => f.Citations.Any(c => c.Source.Url.AbsoluteUri.Contains('%', StringComparison.Ordinal)));

        var text = AnswerRenderer.ToPlainText(new Answer("q", Language.Ru, AnswerKind.Fact, real, 1, [], null), Texts);

        var sourceLines = text.Split('\n').SkipWhile(l => !l.StartsWith(Texts.Get("source", Language.Ru), StringComparison.Ordinal)).Skip(1).ToList();
        Assert.NotEmpty(sourceLines);
        Assert.All(sourceLines, l => Assert.DoesNotContain("%", l, StringComparison.Ordinal));
        Assert.All(sourceLines, l => Assert.DoesNotContain("https://", l, StringComparison.Ordinal));
        Assert.Contains(sourceLines, l => l.Contains('(' + AnswerRenderer.ShownCitations(real)[0].Source.Url.IdnHost + ')', StringComparison.Ordinal));
    }

    [Fact]
    public void ToHtml_EnglishAnswerWithExcerpt_SaysTheQuoteIsFromTheRussianArticle()
    {
        var fact = knowledge.Store.Facts.Facts.First(f => f.Excerpt is not null);

        var html = AnswerRenderer.ToHtml(new Answer("q", Language.En, AnswerKind.Fact, fact, 1, [], null), Texts);

        // The label in italics, then the excerpt in an expandable quote; compared as the user reads them.
        var note = System.Text.RegularExpressions.Regex.Match(html, "<i>(?<label>[^<]*):</i>\n<blockquote expandable>(?<excerpt>[^<]*)</blockquote>");
        Assert.True(note.Success, html);
        Assert.Equal(Texts.Get("excerpt-label", Language.En), TelegramHtml.VisibleText(note.Groups["label"].Value));
        Assert.Equal(fact.Excerpt, TelegramHtml.VisibleText(note.Groups["excerpt"].Value));
        Assert.Contains("Russian", Texts.Get("excerpt-label", Language.En), StringComparison.Ordinal);
    }

    private static Citation Cite(string name, SourceKind kind) =>
        new(new Source(name, new LocalizedText(name + " (ru)", name + " (en)"), new Uri("https://example.org/" + name), kind), null);

    private static Fact FactCiting(params Citation[] citations) => new(
        "f", [], "t", new LocalizedText("т", "t"), new LocalizedText("ответ", "answer"), null, [], [], FactStatus.Solid, null,
        citations, null, LocalizedList.Empty, LocalizedList.Empty, [], new SourceLocation("x.yaml", 1));

    [Fact]
    public void ToHtml_EveryFactOfTheBaseInBothLanguages_IsValidTelegramHtmlWithinTheLimit()
    {
        var facts = knowledge.Store.Facts;
        foreach (var fact in facts.Facts)
        {
            foreach (var language in (Language[])[Language.Ru, Language.En])
            {
                var html = AnswerRenderer.ToHtml(new Answer("q", language, AnswerKind.Fact, fact, 1, [], null), facts.Texts);
                Assert.True(TelegramHtml.Problems(html) is [], $"{fact.Id} ({language}): {string.Join("; ", TelegramHtml.Problems(html))}\n{html}");
            }
        }

        Assert.Empty(FactBaseChecks.RenderedReplies(facts));
    }

    [Fact]
    public void RenderedReplies_FactTooLongForOneMessage_IsAProblemAtTheFact()
    {
        var facts = knowledge.Store.Facts;
        var fact = facts.Facts[0];
        var longer = fact with { Answer = new LocalizedText(string.Concat(Enumerable.Repeat("Очень длинный ответ. ", 250)), fact.Answer.En) };

        var problem = Assert.Single(FactBaseChecks.RenderedReplies(new FactBase([longer], facts.Sources, facts.Texts, facts.Lexicon, facts.Seed)));

        Assert.Equal(fact.Location, problem.Location);
        Assert.Contains($"ru reply of '{fact.Id}'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShownCitations_SolidEntry_ShowsASourceBetterThanAWeakSite()
    {
        var offending = knowledge.Store.Facts.Facts
            .Where(f => f.Status == FactStatus.Solid && AnswerRenderer.ShownCitations(f).All(c => c.Source.IsWeak))
            .Select(f => f.Id)
            .ToList();

        Assert.True(offending.Count == 0, "solid, yet only weak sites are cited: " + string.Join(", ", offending));
    }

    [Fact]
    public void ToHtml_Refusal_IsPlainEscapedText()
    {
        var html = AnswerRenderer.ToHtml(new Answer("q", Language.En, AnswerKind.NoAnswer, null, 0, [], "a < b"), Texts);

        Assert.Equal("a &lt; b", html);
    }
}
