using TreatyBot.Knowledge.Matching;

namespace TreatyBot.Tests.Knowledge.Matching;

public sealed class DateRecognizerTests
{
    [Theory]
    [InlineData("что было 15 мая 1925?", 1925, 5, 15)]
    [InlineData("what happened on May 15, 1925", 1925, 5, 15)]
    [InlineData("15 May 1925", 1925, 5, 15)]
    [InlineData("события 15.05.1925", 1925, 5, 15)]
    [InlineData("1925-05-15", 1925, 5, 15)]
    [InlineData("the 3rd of March 1925", 1925, 3, 3)]
    [InlineData("в марте 1925 года", 1925, 3, null)]
    [InlineData("what happened in 1944", 1944, null, null)]
    [InlineData("20 января", null, 1, 20)]
    [InlineData("пекинский договор 25 года", 1925, null, null)]
    [InlineData("ушли в 25-м году?", 1925, null, null)]
    [InlineData("протокол 44 г. о концессиях", 1944, null, null)]
    [InlineData("с 24-го года", 1924, null, null)]
    [InlineData("the '25 treaty", 1925, null, null)]
    [InlineData("конвенция 1925 г первая?", 1925, null, null)] // «г» without its full stop
    [InlineData("японцы хотели выкупить Сахалин в 41-м", 1941, null, null)]
    [InlineData("в 25-м подписали конвенцию?", 1925, null, null)] // a verb after it: still the year
    [InlineData("протокол 44-го о концессиях", 1944, null, null)]
    [InlineData("Пекинский договор 25-го — между кем и кем?", 1925, null, null)]
    [InlineData("договор 20-го января", null, 1, 20)]
    [InlineData("в январе 25-го подписали или позже?", 1925, 1, null)]
    [InlineData("угольный договор оформили летом 25-го?", 1925, null, null)]
    [InlineData("сколько подписали 20 янв 1925", 1925, 1, 20)]
    [InlineData("меморандум от 29 авг. 1924", 1924, 8, 29)]
    [InlineData("ратифицировали в фев 1925", 1925, 2, null)]
    [InlineData("японского консула во владике чё сделали в 24м", 1924, null, null)] // typed without the hyphen
    [InlineData("рыболовную конву в 44м продлили?", 1944, null, null)]
    [InlineData("Date of entry into force — late February '25, was it?", 1925, 2, null)]
    [InlineData("Who signed in Peking that January of '25?", 1925, 1, null)]
    public void Find_DateAsPeopleWriteIt_ReadsItsDayMonthAndYear(string text, int? year, int? month, int? day)
    {
        var date = Assert.Single(DateRecognizer.Find(text));

        Assert.Equal((year, month, day), (date.Year, date.Month, date.Day));
    }

    [Theory]
    [InlineData("соглашения после конвенции 25-го года в силе?", "25-го года")] // the whole date, not «25-го» without «года»
    [InlineData("конвенцию в январе 25-го подписали?", "январе 25-го")] // January 1925, not the 25th
    public void Find_SpokenFormBesideAnOrdinaryDate_TakesTheLongerReading(string text, string written)
    {
        var date = Assert.Single(DateRecognizer.Find(text));

        Assert.Equal(written, text.Substring(date.Start, date.Length));
    }

    [Theory]
    [InlineData("the 1943–44 concession talks", 1943, 1944)]
    [InlineData("война 1904-05 годов", 1904, 1905)]
    [InlineData("в 1924 — 25 годах", 1924, 1925)]
    public void Find_SpanOfYearsWrittenShort_ReadsBothYears(string text, int first, int second)
    {
        var dates = DateRecognizer.Find(text);

        Assert.Equal([first, second], dates.Select(d => d.Year!.Value));
        Assert.DoesNotContain(DateRecognizer.Blank(text, dates), c => char.IsAsciiDigit(c));
    }

    [Theory]
    [InlineData("статья 4 конвенции")]
    [InlineData("50 per cent of the oil fields")]
    [InlineData("31.02.1925")]
    [InlineData("may japan keep the concessions")]
    [InlineData("переговоры шли 44 года?")] // 44 years, not 1944
    [InlineData("45 лет концессии")]
    [InlineData("вступила в силу 26-го?")] // a day without its month, not 1926
    [InlineData("в 20-х годах")] // a decade
    [InlineData("текст конвенции в 34-м томе Серии договоров")] // volume 34, not 1934
    [InlineData("что сказано в 25-м пункте?")]
    public void Find_NumbersThatAreNoDate_FindsNone(string text)
    {
        Assert.Empty(DateRecognizer.Find(text));
    }
}
