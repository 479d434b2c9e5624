using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Facts;
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
        Assert.Contains(Html.Escape(disputed.Dispute!.Ru), html, StringComparison.Ordinal);
        Assert.Empty(TelegramHtml.Problems(html));
    }

    [Fact]
    public void ToHtml_MarkupInFactText_IsEscaped()
    {
        var source = new Source("s", "Title <i>with</i> & \"quotes\"", new Uri("https://example.org/a?b=1&c=\"2\""));
        var fact = new Fact(
            "f", [], "t", new LocalizedText("<b>x</b>", "<b>x</b>"), new LocalizedText("1 < 2 & </blockquote>", "1 < 2"),
            null, [], [], FactStatus.Solid, null, [new Citation(source, "Art. <VI>")], "Текст <script>", LocalizedList.Empty,
            LocalizedList.Empty, [], new SourceLocation("x.yaml", 1));

        var html = AnswerRenderer.ToHtml(new Answer("q", Language.Ru, AnswerKind.Fact, fact, 1, [], null), Texts);

        Assert.Empty(TelegramHtml.Problems(html));
        Assert.Contains("1 < 2 & </blockquote>", TelegramHtml.VisibleText(html), StringComparison.Ordinal);
        Assert.Contains("Текст <script>", TelegramHtml.VisibleText(html), StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_Refusal_IsPlainEscapedText()
    {
        var html = AnswerRenderer.ToHtml(new Answer("q", Language.En, AnswerKind.NoAnswer, null, 0, [], "a < b"), Texts);

        Assert.Equal("a &lt; b", html);
    }
}
