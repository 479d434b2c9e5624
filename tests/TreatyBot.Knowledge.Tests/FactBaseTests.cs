using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Tests.Knowledge;

public sealed class FactBaseTests(FactBaseFixture knowledge) : IClassFixture<FactBaseFixture>
{
    private FactBase Facts => knowledge.Facts;

    [Fact]
    public void Load_RepositoryResponses_HasFactsOfEachSpineTopic()
    {
        var topics = Facts.Facts.Select(f => f.Topic).ToHashSet();
        Assert.Contains("dates", topics);
        Assert.Contains("parties", topics);
        Assert.Contains("concessions", topics);
    }

    // Each test below breaks one thing in a copy of responses/ and checks that the loader reports it where a curator
    // has to fix it. Checks of the loaded base itself cannot fail: an invalid base does not load.

    [Fact]
    public void Load_ExcerptThatIsNotInTheSeed_IsReportedAtTheExcerpt()
    {
        using var copy = TestPaths.CopyOfResponses();
        var line = Edit(copy.Path, "facts/01-identity.yaml", after: "- id: treaty-overview", "Пекинский договор 1925 года (Советско-японская", "Токийский договор 1925 года (Советско-японская");

        var ex = Assert.Throws<FactBaseException>(() => FactBaseLoader.Load(copy.Path));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(new SourceLocation("facts/01-identity.yaml", line - 1), problem.Location);
        Assert.StartsWith("the excerpt of 'treaty-overview' is not a span of the seed", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SourceWithAPlainHttpAddress_IsReportedAtTheSource()
    {
        using var copy = TestPaths.CopyOfResponses();
        Edit(copy.Path, FactBaseLoader.SourcesFile, after: "- id: diphis-history-diplomacy", "url: \"https://diphis.ru/", "url: \"http://diphis.ru/");

        var ex = Assert.Throws<FactBaseException>(() => FactBaseLoader.Load(copy.Path));

        var at = new SourceLocation(FactBaseLoader.SourcesFile, LineOf(copy.Path, FactBaseLoader.SourcesFile, "- id: diphis-history-diplomacy"));
        Assert.Contains(ex.Problems, p => p.Location == at && p.Message == "source 'diphis-history-diplomacy': url must be an absolute https address");
        // The facts that cite it then cite an unknown source; nothing else is wrong.
        Assert.All(ex.Problems, p => Assert.Contains("'diphis-history-diplomacy'", p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SourceTitleWithoutEnglish_IsReportedAtTheTitle()
    {
        using var copy = TestPaths.CopyOfResponses();
        var line = Edit(copy.Path, FactBaseLoader.SourcesFile, after: "- id: bibliboba-ogpu", "    en: \"Russian popular-history book on the OGPU–NKGB and Japanese intelligence, p. 7\"\n", "");

        var ex = Assert.Throws<FactBaseException>(() => FactBaseLoader.Load(copy.Path));

        // The title's mapping starts at its 'ru' line, just above the removed one; the facts that cite the source then
        // cite an unknown one, and nothing else is wrong.
        var inSources = Assert.Single(ex.Problems, p => p.Location.File == FactBaseLoader.SourcesFile);
        Assert.Equal(new FactBaseProblem(new SourceLocation(FactBaseLoader.SourcesFile, line - 1), "'en' is missing"), inSources);
        Assert.All(ex.Problems.Where(p => p != inSources), p => Assert.Contains("'bibliboba-ogpu'", p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_DisputedFactWithoutTheOtherReading_IsReportedAtTheFact()
    {
        using var copy = TestPaths.CopyOfResponses();
        Edit(copy.Path, "facts/01-identity.yaml", after: "- id: treaty-overview", "status: solid", "status: disputed");

        var ex = Assert.Throws<FactBaseException>(() => FactBaseLoader.Load(copy.Path));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(Facts.Find("treaty-overview")!.Location, problem.Location);
        Assert.Equal("'treaty-overview' is disputed, so it needs a 'dispute' text in ru and en", problem.Message);
    }

    [Fact]
    public void Load_FactWithoutSources_IsReportedAtTheFact()
    {
        using var copy = TestPaths.CopyOfResponses();
        File.WriteAllText(Path.Combine(copy.Path, "facts", "99-unsourced.yaml"), """
            # A fact with everything but a source.
            - id: unsourced-entry
              topic: dates
              title: { ru: Без источника, en: Unsourced }
              answer: { ru: Договор подписан в Пекине., en: The treaty was signed in Peking. }
              status: solid
              sources: []
            """);

        var ex = Assert.Throws<FactBaseException>(() => FactBaseLoader.Load(copy.Path));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(new SourceLocation("facts/99-unsourced.yaml", 2), problem.Location);
        Assert.Equal("a fact needs at least one source", problem.Message);
    }

    [Fact]
    public void Load_BrokenFile_NamesFileAndLineOfEveryProblem()
    {
        using var copy = TestPaths.CopyOfResponses();
        var folder = copy.Path;
        File.WriteAllText(Path.Combine(folder, "facts", "99-broken.yaml"), """
            - id: broken-entry
              topic: dates
              title: { ru: Сломано, en: Broken }
              answer: { ru: Подписано 21 января 1925 года. }
              dates: [1925-01-21]
              status: solid
              sources: [{ ref: no-such-source }]
              excerpt: Конвенция подписана в Токио
            """);

        var ex = Assert.Throws<FactBaseException>(() => FactBaseLoader.Load(folder));

        var problems = ex.Problems.Where(p => p.Location.File.EndsWith("99-broken.yaml", StringComparison.Ordinal)).ToList();
        Assert.Contains(problems, p => p.Message.Contains("'en' is missing", StringComparison.Ordinal) && p.Location.Line == 4);
        Assert.Contains(problems, p => p.Message.Contains("no-such-source", StringComparison.Ordinal) && p.Location.Line == 7);
        Assert.Contains(problems, p => p.Message.Contains("not a span of the seed", StringComparison.Ordinal) && p.Location.Line == 8);
    }

    [Fact]
    public void Load_ExamplesFile_NamesBadLinesAndTakesFactsKindsOfQuestionAndOtherFactsThatAnswer()
    {
        using var copy = TestPaths.CopyOfResponses();
        var folder = copy.Path;
        var examples = Path.Combine(folder, FactBaseLoader.ExamplesFile);
        File.WriteAllText(examples, "# asked by users\nsigning-date\tru\tв какой день поставили подписи\nno-such-fact\ten\twhen\nsigning-date\tru\n"
            + "signing-date\ten\twhen and where was it signed\ttreaty-overview,no-such-other\nsigning-date\ten\twho signed\ta\tb\n");

        var ex = Assert.Throws<FactBaseException>(() => FactBaseLoader.Load(folder));

        Assert.Contains(ex.Problems, p => p.Location == new SourceLocation(FactBaseLoader.ExamplesFile, 3) && p.Message.Contains("no-such-fact", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Location == new SourceLocation(FactBaseLoader.ExamplesFile, 4));
        var other = Assert.Single(ex.Problems, p => p.Location == new SourceLocation(FactBaseLoader.ExamplesFile, 5));
        Assert.Contains("no-such-other", other.Message, StringComparison.Ordinal);
        Assert.Contains(ex.Problems, p => p.Location == new SourceLocation(FactBaseLoader.ExamplesFile, 6));
        File.WriteAllText(examples, "signing-date\tru\tв какой день поставили подписи\nout-of-scope\ten\tweather in Peking\nnot-in-sources\tru\tкто переводил\n"
            + "signing-date\ten\twhen and where was it signed\ttreaty-overview\n");
        Assert.NotNull(FactBaseLoader.Load(folder).Find("signing-date"));
    }

    [Fact]
    public void Load_ProfileOfAnEntityTheLexiconLacks_IsAProblem()
    {
        using var copy = TestPaths.CopyOfResponses();
        var folder = copy.Path;
        Edit(folder, "facts/14-people-places.yaml", after: "", "about: [karakhan]", "about: [nobody]");
        var profile = Facts.Facts.Single(f => f.About.Contains("karakhan"));

        var ex = Assert.Throws<FactBaseException>(() => FactBaseLoader.Load(folder));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(profile.Location, problem.Location);
        Assert.Equal($"'{profile.Id}' is about 'nobody', which lexicon.yaml does not list under entities", problem.Message);
    }

    [Fact]
    public void Load_YamlSyntaxError_NamesFileAndLine()
    {
        using var copy = TestPaths.CopyOfResponses();
        var folder = copy.Path;
        File.WriteAllText(Path.Combine(folder, "facts", "99-broken.yaml"), "- id: a\n  topic: dates\n title: indented one space too little\n  status: solid\n");

        var ex = Assert.Throws<FactBaseException>(() => FactBaseLoader.Load(folder));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(new SourceLocation("facts/99-broken.yaml", 3), problem.Location);
        Assert.StartsWith("YAML syntax", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AnniversaryOnAFactWhoseFirstDateIsOnlyAYear_IsReportedAtTheField()
    {
        using var copy = TestPaths.CopyOfResponses();
        var line = Edit(copy.Path, "facts/02-articles.yaml", after: "- id: article-3-interim-fishing", "  dates: [1924, 1925-05-23]\n", "  dates: [1924, 1925-05-23]\n  anniversary: true\n");

        var ex = Assert.Throws<FactBaseException>(() => FactBaseLoader.Load(copy.Path));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(new SourceLocation("facts/02-articles.yaml", line + 1), problem.Location);
        Assert.StartsWith("anniversary: true needs a whole date (YYYY-MM-DD) first in 'dates'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AnniversaryThatIsNotTrueOrFalse_IsReportedAtTheField()
    {
        using var copy = TestPaths.CopyOfResponses();
        var line = Edit(copy.Path, "facts/01-identity.yaml", after: "- id: signing-date", "  anniversary: true", "  anniversary: yes");

        var ex = Assert.Throws<FactBaseException>(() => FactBaseLoader.Load(copy.Path));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(new SourceLocation("facts/01-identity.yaml", line), problem.Location);
        Assert.Equal("anniversary must be true or false, not 'yes'", problem.Message);
    }

    [Fact]
    public void Anniversaries_OfTheRepository_AreTheTreatysKeyDaysAtTheirFirstDate()
    {
        var days = Facts.Facts.Where(f => f.Anniversary is not null).ToDictionary(f => f.Id, f => f.Anniversary!.Value.ToString());

        Assert.Equal("1925-01-20", days["signing-date"]);
        Assert.Equal("1925-05-14", days["evacuation-may-1925"]);
        Assert.Equal("1925-05-15", days["protocol-a-evacuation"]);
        Assert.Equal("1944-03-30", days["liquidation-protocol-1944"]);
        Assert.Equal("1925-04-15", days["exchange-of-ratifications"]);
        Assert.All(Facts.Facts.Where(f => f.Anniversary is not null), f => Assert.Equal(f.Dates[0], f.Anniversary));
        Assert.DoesNotContain(Facts.Facts, f => f.Anniversary is { Month: 2, Day: 29 });
    }

    /// <summary>
    /// Replaces the first <paramref name="text"/> after <paramref name="after"/> in a file of a copy of responses/;
    /// returns the line it was on.
    /// </summary>
    private static int Edit(string folder, string file, string after, string text, string replacement)
    {
        var path = Path.Combine(folder, file);
        var content = File.ReadAllText(path);
        var anchor = content.IndexOf(after, StringComparison.Ordinal);
        var at = anchor < 0 ? -1 : content.IndexOf(text, anchor, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{text}' after '{after}' is not in {file}: the test needs updating to the fact base");
        File.WriteAllText(path, content.Remove(at, text.Length).Insert(at, replacement));
        return content.AsSpan(0, at).Count('\n') + 1;
    }

    /// <summary>The line of a file of responses/ (or a copy) that holds <paramref name="text"/>.</summary>
    private static int LineOf(string folder, string file, string text)
    {
        var lines = File.ReadAllLines(Path.Combine(folder, file));
        var index = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(index >= 0, $"'{text}' is not in {file}");
        return index + 1;
    }
}
