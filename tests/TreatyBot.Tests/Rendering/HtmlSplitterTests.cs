using TreatyBot.Rendering;

namespace TreatyBot.Tests.Rendering;

public sealed class HtmlSplitterTests
{
    [Fact]
    public void Split_ShortReply_IsOnePart()
    {
        Assert.Equal(["<b>a</b> &amp; b"], HtmlSplitter.Split("<b>a</b> &amp; b"));
    }

    [Fact]
    public void Split_LongQuote_ClosesAndReopensTagsAtTheCut()
    {
        var html = "<b>Title</b>\n<blockquote expandable>" + string.Concat(Enumerable.Repeat("строка &lt;текста&gt;\n", 400)) + "</blockquote>";

        var parts = HtmlSplitter.Split(html);

        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.Empty(TelegramHtml.Problems(p)));
        Assert.StartsWith("<blockquote expandable>", parts[1], StringComparison.Ordinal);
        Assert.Equal(TelegramHtml.VisibleText(html).Replace("\n", "", StringComparison.Ordinal), string.Concat(parts.Select(TelegramHtml.VisibleText)).Replace("\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Split_TextWithoutLineBreaks_CutsWithinLimitAndKeepsEntitiesWhole()
    {
        var html = "<i>" + string.Concat(Enumerable.Repeat("a&amp;", 3000)) + "</i>";

        var parts = HtmlSplitter.Split(html, 1000);

        Assert.All(parts, p =>
        {
            Assert.Empty(TelegramHtml.Problems(p));
            Assert.InRange(TelegramHtml.VisibleText(p).Length, 1, 1000);
        });
        Assert.Equal(TelegramHtml.VisibleText(html), string.Concat(parts.Select(TelegramHtml.VisibleText)));
    }
}
