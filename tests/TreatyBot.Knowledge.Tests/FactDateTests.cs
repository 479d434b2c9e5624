using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Tests.Knowledge;

/// <summary>Dates as the bot writes them, in both languages, whatever the machine's culture data.</summary>
public sealed class FactDateTests
{
    [Theory]
    [InlineData("1925-01-20", Language.Ru, "20 января 1925")]
    [InlineData("1925-01-20", Language.En, "20 January 1925")]
    [InlineData("1925-05", Language.Ru, "май 1925")]
    [InlineData("1925-05", Language.En, "May 1925")]
    [InlineData("1944-03", Language.Ru, "март 1944")]
    [InlineData("1925", Language.Ru, "1925")]
    public void Format_WritesTheDateOut(string iso, Language language, string expected)
    {
        Assert.True(FactDate.TryParse(iso, out var date));
        Assert.Equal(expected, date.Format(language));
    }
}
