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

    [Fact]
    public void Excerpts_EveryOne_IsASpanOfTheSeed()
    {
        var seed = new SeedText(File.ReadAllText(Path.Combine(TestPaths.Responses, "seed.txt")));
        var withExcerpt = Facts.Facts.Where(f => f.Excerpt is not null).ToList();
        Assert.NotEmpty(withExcerpt);
        Assert.All(withExcerpt, f => Assert.True(seed.Contains(f.Excerpt!), $"{f.Id}: «{f.Excerpt}» is not in the seed"));
    }

    [Fact]
    public void Sources_EveryCitation_IsAnHttpsLinkWithATitle()
    {
        Assert.All(Facts.Facts, f => Assert.NotEmpty(f.Citations));
        Assert.All(Facts.Facts.SelectMany(f => f.Citations), c =>
        {
            Assert.Equal(Uri.UriSchemeHttps, c.Source.Url.Scheme);
            Assert.False(string.IsNullOrWhiteSpace(c.Source.Title.Ru));
            Assert.False(string.IsNullOrWhiteSpace(c.Source.Title.En));
        });
    }

    [Fact]
    public void Disputed_EveryDisputedFact_SaysWhatTheOtherReadingIs()
    {
        Assert.All(Facts.Facts.Where(f => f.IsDisputed), f => Assert.NotNull(f.Dispute));
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
    public void Load_ExamplesFile_AddsEachQuestionToItsFactAndNamesBadLines()
    {
        using var copy = TestPaths.CopyOfResponses();
        var folder = copy.Path;
        var examples = Path.Combine(folder, FactBaseLoader.ExamplesFile);
        File.WriteAllText(examples, "# asked by users\nsigning-date\tru\tв какой день поставили подписи\nno-such-fact\ten\twhen\nsigning-date\tru\n");

        var ex = Assert.Throws<FactBaseException>(() => FactBaseLoader.Load(folder));

        Assert.Contains(ex.Problems, p => p.Location == new SourceLocation(FactBaseLoader.ExamplesFile, 3) && p.Message.Contains("no-such-fact", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Location == new SourceLocation(FactBaseLoader.ExamplesFile, 4));
        File.WriteAllText(examples, "signing-date\tru\tв какой день поставили подписи\n");
        Assert.Equal(["в какой день поставили подписи"], FactBaseLoader.Load(folder).Find("signing-date")!.Examples);
    }

    [Fact]
    public void Load_ProfileOfAnEntityTheLexiconLacks_IsAProblem()
    {
        using var copy = TestPaths.CopyOfResponses();
        var folder = copy.Path;
        var file = Path.Combine(folder, "facts", "14-people-places.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("about: [karakhan]", "about: [nobody]", StringComparison.Ordinal));

        var ex = Assert.Throws<FactBaseException>(() => FactBaseLoader.Load(folder));

        Assert.Contains(ex.Problems, p => p.Message.Contains("'nobody'", StringComparison.Ordinal) && p.Message.Contains("entities", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_YamlSyntaxError_NamesFileAndLine()
    {
        using var copy = TestPaths.CopyOfResponses();
        var folder = copy.Path;
        File.WriteAllText(Path.Combine(folder, "facts", "99-broken.yaml"), "- id: a\n  title: [unclosed\n");

        var ex = Assert.Throws<FactBaseException>(() => FactBaseLoader.Load(folder));

        Assert.Contains(ex.Problems, p => p.Location.File.EndsWith("99-broken.yaml", StringComparison.Ordinal) && p.Message.StartsWith("YAML syntax", StringComparison.Ordinal));
    }
}
