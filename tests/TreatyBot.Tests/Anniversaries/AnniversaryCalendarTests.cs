using TreatyBot.Anniversaries;
using TreatyBot.Knowledge;
using TreatyBot.Rendering;
using TreatyBot.Tests.Rendering;

namespace TreatyBot.Tests.Anniversaries;

/// <summary>Which days the fact base remembers, how many years ago, and how a day's post reads.</summary>
public sealed class AnniversaryCalendarTests(KnowledgeFixture knowledge) : IClassFixture<KnowledgeFixture>
{
    private Knowledge.Facts.FactBase Facts => knowledge.Store.Facts;

    [Fact]
    public void On_TwentiethOfJanuary_IsTheSigning()
    {
        var events = AnniversaryCalendar.On(Facts, new DateOnly(2026, 1, 20));

        Assert.Contains(events, f => f.Id == "signing-date");
        Assert.All(events, f => Assert.Equal((1, 20), (f.Anniversary!.Value.Month, f.Anniversary.Value.Day)));
    }

    [Fact]
    public void On_DayWithoutAnniversaries_IsEmpty_AndNextIsTheFollowingOne()
    {
        Assert.Empty(AnniversaryCalendar.On(Facts, new DateOnly(2026, 12, 1)));

        // After 14 December (the oil contract) the next one is the signing, in the new year.
        Assert.Equal(new DateOnly(2027, 1, 20), AnniversaryCalendar.Next(Facts, new DateOnly(2026, 12, 15)));
        Assert.Equal(new DateOnly(2026, 12, 14), AnniversaryCalendar.Next(Facts, new DateOnly(2026, 12, 1)));
        Assert.Equal(new DateOnly(2026, 1, 20), AnniversaryCalendar.Next(Facts, new DateOnly(2026, 1, 20)));
    }

    [Theory]
    [InlineData(1, "1 год")]
    [InlineData(2, "2 года")]
    [InlineData(4, "4 года")]
    [InlineData(5, "5 лет")]
    [InlineData(11, "11 лет")]
    [InlineData(12, "12 лет")]
    [InlineData(14, "14 лет")]
    [InlineData(21, "21 год")]
    [InlineData(83, "83 года")]
    [InlineData(100, "100 лет")]
    [InlineData(101, "101 год")]
    [InlineData(102, "102 года")]
    [InlineData(111, "111 лет")]
    [InlineData(112, "112 лет")]
    [InlineData(121, "121 год")]
    public void YearsAgo_Russian_TakesTheRightPluralForm(int years, string expected)
    {
        Assert.Equal(expected, AnniversaryRenderer.YearsAgo(Facts.Texts, years, Language.Ru));
    }

    [Theory]
    [InlineData(1, "1 year")]
    [InlineData(101, "101 years")]
    public void YearsAgo_English_SingularOnlyForOne(int years, string expected)
    {
        Assert.Equal(expected, AnniversaryRenderer.YearsAgo(Facts.Texts, years, Language.En));
    }

    [Fact]
    public void Post_OfTheSigningDay_LeadsWithTheYearsThenTheCitedReply()
    {
        var day = new DateOnly(2026, 1, 20);
        var post = AnniversaryRenderer.Post(Facts, AnniversaryCalendar.On(Facts, day), day, Language.Ru);

        Assert.Empty(TelegramHtml.Problems(post.Html));
        var text = TelegramHtml.VisibleText(post.Html);
        Assert.Contains("В этот день в 1925 году, 101 год назад", text, StringComparison.Ordinal);
        Assert.Contains("Конвенция подписана 20 января 1925 года в Пекине.", text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://", post.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Post_OfADayWithTwoEvents_HasBothInOnePost_OldestFirst()
    {
        // 14 May: the Peking talks opened (1924); the Japanese flag came down at Aleksandrovsk (1925).
        var day = new DateOnly(2027, 5, 14);
        var events = AnniversaryCalendar.On(Facts, day);
        var post = AnniversaryRenderer.Post(Facts, events, day, Language.En);
        var text = TelegramHtml.VisibleText(post.Html);

        Assert.True(events.Count >= 2, "14 May remembers two events");
        Assert.Empty(TelegramHtml.Problems(post.Html));
        var talks = text.IndexOf("On this day in 1924, 103 years ago", StringComparison.Ordinal);
        var withdrawal = text.IndexOf("On this day in 1925, 102 years ago", StringComparison.Ordinal);
        Assert.True(talks >= 0 && withdrawal > talks, text);
    }

    [Fact]
    public void NothingToday_NamesTheDayAndTheNextAnniversary()
    {
        var post = AnniversaryRenderer.NothingToday(Facts, new DateOnly(2026, 12, 1), AnniversaryCalendar.On(Facts, new DateOnly(2026, 12, 14)), new DateOnly(2026, 12, 14), Language.Ru);
        var text = TelegramHtml.VisibleText(post.Html);

        Assert.Empty(TelegramHtml.Problems(post.Html));
        Assert.StartsWith("На 1 декабря в истории договора ничего не приходится. Ближайшая годовщина — 14 декабря:", text, StringComparison.Ordinal);
        Assert.Contains("14 декабря 1925 года, 101 год назад", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Posts_OfEveryAnniversaryDay_AreValidTelegramHtml_InBothLanguages()
    {
        foreach (var day in Facts.Facts.Select(f => f.Anniversary).OfType<Knowledge.Facts.FactDate>().Distinct())
        {
            var date = new DateOnly(2027, day.Month!.Value, day.Day!.Value);
            foreach (var language in (Language[])[Language.Ru, Language.En])
            {
                var post = AnniversaryRenderer.Post(Facts, AnniversaryCalendar.On(Facts, date), date, language);
                Assert.Empty(TelegramHtml.Problems(post.Html));
            }
        }
    }
}
