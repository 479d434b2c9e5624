using System.Text.RegularExpressions;
using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Tests.Knowledge;

/// <summary>
/// Statuses say what the sources support: "Sources disagree" only where two readings exist, an unconfirmed single
/// value is weak rather than disputed, and an entry built on a medium or weak FACTS.md fact is solid only if its
/// wording hedges that part.
/// </summary>
public sealed partial class FactStatusTests(FactBaseFixture knowledge) : IClassFixture<FactBaseFixture>
{
    private static readonly Language[] Languages = [Language.Ru, Language.En];

    private IReadOnlyList<Fact> Facts => knowledge.Facts.Facts;

    [Fact]
    public void Disputed_EveryDisputedEntry_NamesAtLeastTwoReadings()
    {
        var disputed = Facts.Where(f => f.IsDisputed).ToList();
        Assert.NotEmpty(disputed);
        foreach (var fact in disputed)
        {
            foreach (var language in Languages)
            {
                var dispute = fact.Dispute![language];
                var all = Readings(fact.Answer[language] + " " + dispute, language);
                Assert.True(all.Count >= 2, $"{fact.Id} ({language.Code()}): a dispute needs two readings, found {Show(all)}");
                Assert.True(Readings(dispute, language).Count >= 1, $"{fact.Id} ({language.Code()}): the dispute text names no reading");
            }
        }
    }

    [Fact]
    public void Disputed_NoDisputedEntry_CallsAnUnconfirmedValueADispute()
    {
        foreach (var fact in Facts.Where(f => f.IsDisputed))
        {
            foreach (var language in Languages)
            {
                Assert.False(SaysUnconfirmed(fact.Dispute![language]), $"{fact.Id} ({language.Code()}): an unconfirmed single value is 'weak', not a dispute: {fact.Dispute[language]}");
            }
        }
    }

    [Fact]
    public void Status_EntryCoveringAMediumOrWeakFact_IsSolidOnlyIfItHedges()
    {
        var statuses = FactsMdStatuses(File.ReadAllLines(TestPaths.Data("facts-status.txt")));
        Assert.Equal(84, statuses.Count);
        foreach (var fact in Facts.Where(f => f.Status == FactStatus.Solid))
        {
            var weaker = fact.Covers.Where(c => statuses[c] is "medium" or "weak").ToList();
            if (weaker.Count == 0)
            {
                continue;
            }

            foreach (var language in Languages)
            {
                var text = fact.Answer[language] + " " + fact.Detail?[language];
                Assert.True(Hedges(text, language), $"{fact.Id} is solid but covers {string.Join(", ", weaker)} ({string.Join(", ", weaker.Select(c => statuses[c]))}) without hedging in {language.Code()}: {text}");
            }
        }
    }

    [Fact]
    public void Status_EntryCoveringOnlyWeakFacts_IsWeak()
    {
        // An entry that answers only weak FACTS.md facts cannot be firmer than they are.
        var statuses = FactsMdStatuses(File.ReadAllLines(TestPaths.Data("facts-status.txt")));
        foreach (var fact in Facts.Where(f => f.Covers.Count > 0 && f.Covers.All(c => statuses[c] == "weak")))
        {
            Assert.True(fact.Status == FactStatus.Weak, $"{fact.Id} covers only weak facts ({string.Join(", ", fact.Covers)}) but is {fact.Status}");
        }
    }

    [Fact]
    public void StatusList_AgreesWithFactsMd()
    {
        // FACTS.md lives beside the repository; without it the copied list is all there is, and the test says it was skipped.
        Assert.SkipUnless(File.Exists(TestPaths.SharedFacts), $"{TestPaths.SharedFacts} is not here to compare with");

        var fromFactsMd = FactsMdStatuses(File.ReadAllLines(TestPaths.SharedFacts));
        var copied = FactsMdStatuses(File.ReadAllLines(TestPaths.Data("facts-status.txt")));

        Assert.Equal(fromFactsMd.OrderBy(p => p.Key), copied.OrderBy(p => p.Key));
    }

    [Theory]
    [InlineData("The date 22 July 1925 comes from Russian Wikipedia. There is no independent confirmation.", "en", 1)]
    [InlineData("The journalist A. Kotz gives 1 May 1925. Nothing else confirms the day.", "en", 1)]
    [InlineData("English Wikipedia gives 26 February 1925. I prefer 15 April.", "en", 2)]
    [InlineData("Президентская библиотека пишет, что эвакуация завершилась уже в первой декаде мая 1925 года, а 14–15 мая — смена флагов.", "ru", 2)]
    [InlineData("Сайт называет статью 12. Я следую статье XI.", "ru", 2)]
    [InlineData("По материалам советской стороны, Япония нарушала конвенцию; японские источники пишут о помехах.", "ru", 2)]
    public void Readings_SampleText_CountsDistinctReadings(string text, string code, int expected)
    {
        Assert.Equal(expected, Readings(text, LanguageExtensions.FromCode(code)!.Value).Count);
    }

    [Theory]
    [InlineData("There is no independent confirmation: the text was not found.", true)]
    [InlineData("Независимого подтверждения нет.", true)]
    [InlineData("Дата не подтверждена.", true)]
    [InlineData("English Wikipedia gives 26 February 1925; I prefer 15 April.", false)]
    public void SaysUnconfirmed_SampleText_RecognisesUncertaintyWording(string text, bool expected)
    {
        Assert.Equal(expected, SaysUnconfirmed(text));
    }

    [Theory]
    [InlineData("The USSR also paid compensation.", "en", false)]
    [InlineData("On compensation there is only Vyshinsky's statement.", "en", true)]
    [InlineData("Он также разрешал концессионерам рубить лес.", "ru", false)]
    [InlineData("По единственному доступному тексту протокола он разрешал рубить лес.", "ru", true)]
    public void Hedges_SampleText_RecognisesAttributionOrLimit(string text, string code, bool expected)
    {
        Assert.Equal(expected, Hedges(text, LanguageExtensions.FromCode(code)!.Value));
    }

    /// <summary>
    /// The readings a text names: dates (a day, a day range, a part of a month), article numbers, and whose view it
    /// is (the Soviet or the Japanese side). Normalised so that the same reading written twice counts once.
    /// </summary>
    internal static HashSet<string> Readings(string text, Language language)
    {
        var readings = new HashSet<string>(StringComparer.Ordinal);
        var (values, views) = language == Language.Ru ? (RuValue(), RuView()) : (EnValue(), EnView());
        foreach (Match match in values.Matches(text))
        {
            readings.Add(match.Value.ToLowerInvariant());
        }

        foreach (Match match in views.Matches(text))
        {
            readings.Add("view:" + match.Groups["side"].Value.ToLowerInvariant());
        }

        return readings;
    }

    internal static bool SaysUnconfirmed(string text) => Unconfirmed().IsMatch(text);

    internal static bool Hedges(string text, Language language) =>
        (language == Language.Ru ? RuHedge() : EnHedge()).IsMatch(text);

    internal static Dictionary<string, string> FactsMdStatuses(IEnumerable<string> lines)
    {
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        foreach (var line in lines)
        {
            if (ListLine().Match(line) is { Success: true } listed)
            {
                statuses[listed.Groups["id"].Value] = listed.Groups["status"].Value;
            }
            else if (Heading().Match(line) is { Success: true } heading)
            {
                current = heading.Groups["id"].Value;
            }
            else if (current is not null && StatusLine().Match(line) is { Success: true } status)
            {
                statuses[current] = status.Groups["status"].Value;
                current = null;
            }
        }

        return statuses;
    }

    private static string Show(IEnumerable<string> readings) => "[" + string.Join("; ", readings) + "]";

    [GeneratedRegex(@"\b\d{1,2}(?:–\d{1,2})?\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|\b(?:first|second|last) ten days of \w+|\bArticles?\s+(?:[IVX]+|\d+)\b")]
    private static partial Regex EnValue();

    [GeneratedRegex(@"\b\d{1,2}(?:–\d{1,2})?\s+(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)\b|\b(?:перв|втор|последн)\w+\s+декад\w+\s+\w+|\bстать\w+\s+(?:[IVX]+|\d+)\b")]
    private static partial Regex RuValue();

    [GeneratedRegex(@"\b(?<side>Soviet|Japanese)\s+(?:sources?|view|version|side|account)\b")]
    private static partial Regex EnView();

    [GeneratedRegex(@"(?<side>советск|японск)\w*\s+(?:источник\w*|сторон\w*|верси\w*|точк\w*\s+зрения)", RegexOptions.IgnoreCase)]
    private static partial Regex RuView();

    [GeneratedRegex(@"unconfirmed|no independent confirmation|not confirmed|could not (?:be )?confirm|nothing else confirms|не подтвержд|подтверждения нет|не смог(?:ла)? подтвердить", RegexOptions.IgnoreCase)]
    private static partial Regex Unconfirmed();

    [GeneratedRegex(@"\b(?:only|according to|says?|gives|in the view of|probably|could not confirm|not confirmed)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnHedge();

    [GeneratedRegex(@"(?<!\w)(?:лишь|только|по данным|по словам|по оценке|по мнению|по одн\w+|по единственн\w+|вероятно|по-видимому|не смог|называет|пишет|сообщает)(?!\w)", RegexOptions.IgnoreCase)]
    private static partial Regex RuHedge();

    [GeneratedRegex(@"^(?<id>F\d\d) (?<status>solid|medium|weak|disputed)$")]
    private static partial Regex ListLine();

    [GeneratedRegex(@"^### (?<id>F\d\d) ")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^- \*\*Status:\*\* (?<status>\w+)")]
    private static partial Regex StatusLine();
}
