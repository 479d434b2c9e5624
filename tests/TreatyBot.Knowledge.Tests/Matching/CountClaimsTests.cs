using TreatyBot.Knowledge.Matching;

namespace TreatyBot.Tests.Knowledge.Matching;

public sealed class CountClaimsTests
{
    [Theory]
    [InlineData("Концессию дали на 99 лет?", 99, "лет")]
    [InlineData("Was the oil concession granted for 45 years?", 45, "year")]
    [InlineData("a 45-year term", 45, "year")]
    [InlineData("Japan got 70 percent of the area?", 70, "%")]
    [InlineData("Japan got 70 per cent of the area?", 70, "%")]
    [InlineData("японцам дали 70% нефти?", 70, "%")]
    [InlineData("японцам дали 70 процентов нефти?", 70, "%")]
    [InlineData("50,000 tons of oil a year", 50_000, "ton")]
    [InlineData("did japan get the 50 000 tons of oil?", 50_000, "ton")]
    [InlineData("50 тыс. тонн угля", 50_000, "тон")]
    [InlineData("1,900 soldiers", 1_900, "soldier")]
    [InlineData("44 раунда переговоров", 44, "раунд")]
    public void Find_NumberWithWhatItCounts_ReadsBoth(string text, int value, string unit)
    {
        var count = Assert.Single(CountClaims.Find(text));

        Assert.Equal(new StatedCount(value, unit), count);
    }

    [Theory]
    [InlineData("подписали 20 января 1925 года?")] // a date, not a count
    [InlineData("Article 6 of the Convention")] // a number before a stop word counts nothing
    [InlineData("в статье 6")]
    [InlineData("больше 40 раундов?")] // a bound, not a number to check
    [InlineData("more than 40 rounds?")]
    [InlineData("around 50,000 tons?")]
    [InlineData("около 50 тысяч тонн?")]
    public void Find_DateOrBoundOrBareNumber_ReadsNoCount(string text)
    {
        Assert.DoesNotContain(CountClaims.Find(text), c => c.Value is not null);
    }

    [Theory]
    [InlineData("на 99 лет?", "Концессия была предоставлена на 45 лет, до 1970 года.", true)]
    [InlineData("на 45 лет?", "Концессия была предоставлена на 45 лет, до 1970 года.", false)]
    [InlineData("70 percent?", "Japan asked for 60 per cent, the USSR offered 40, then 45 per cent.", true)]
    [InlineData("60 percent?", "Japan asked for 60 per cent, the USSR offered 40, then 45 per cent.", false)]
    [InlineData("на 6 месяцев?", "Договоры заключались в течение пяти месяцев и 11 месяцев спустя.", false)] // «пяти» is read as a number it cannot compare
    [InlineData("на 99 лет?", "Концессия просуществовала до 1944 года.", false)] // the answer counts no years
    [InlineData("70 percent?", "The concession covered half of the area.", false)]
    public void Refutes_OnlyWhenTheAnswerCountsTheSameThingOtherwise(string question, string answer, bool refutes)
    {
        Assert.Equal(refutes, CountClaims.Refutes(CountClaims.Find(question), CountClaims.Find(answer)));
    }
}
