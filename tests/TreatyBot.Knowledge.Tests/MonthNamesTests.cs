using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Facts;
using TreatyBot.Knowledge.Matching;

namespace TreatyBot.Tests.Knowledge;

/// <summary>Every month the bot writes in an answer, it also reads in a question, in both languages.</summary>
public sealed class MonthNamesTests
{
    public static TheoryData<int> Months => [.. Enumerable.Range(1, 12)];

    [Theory]
    [MemberData(nameof(Months))]
    public void AMonthAsTheBotWritesIt_IsReadBackAsTheSameDate(int month)
    {
        foreach (var date in (FactDate[])[new(1925, month, 15), new(1925, month, null)])
        {
            foreach (var language in LanguageExtensions.All)
            {
                var written = date.Format(language);
                var read = Assert.Single(DateRecognizer.Find("Что было " + written + "?"));
                Assert.Equal((date.Year, date.Month, date.Day), (read.Year, read.Month, read.Day));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Months))]
    public void EveryCaseOfARussianMonth_IsRead(int month)
    {
        // «в мае», «маем»: any ending after the stem.
        var stem = MonthNames.RuStems[month - 1];
        foreach (var name in (string[])[MonthNames.RuNominative[month - 1], MonthNames.RuGenitive[month - 1], stem + "е"])
        {
            var read = Assert.Single(DateRecognizer.Find($"в {name} 1925 года"));
            Assert.Equal(month, read.Month);
        }
    }
}
