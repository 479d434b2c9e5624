using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Tests.Knowledge;

/// <summary>The fact base answers everything FACTS.md lists and quotes every statement of the seed.</summary>
public sealed class FactCoverageTests(FactBaseFixture knowledge) : IClassFixture<FactBaseFixture>
{
    [Fact]
    public void Covers_AllFactsF01ToF84_AreAnswerable()
    {
        var covered = knowledge.Facts.Facts.SelectMany(f => f.Covers).ToHashSet();

        var missing = Enumerable.Range(1, 84).Select(n => $"F{n:D2}").Where(id => !covered.Contains(id)).ToList();

        Assert.True(missing.Count == 0, "not covered: " + string.Join(", ", missing));
    }

    [Fact]
    public void Excerpts_EverySeedStatement_IsQuotedBySomeFact()
    {
        var statements = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "seed-statements.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();
        var excerpts = knowledge.Facts.Facts
            .Where(f => f.Excerpt is not null)
            .Select(f => " " + SeedText.Normalize(f.Excerpt!) + " ")
            .ToList();

        var unquoted = statements.Where(s => !excerpts.Any(e => e.Contains(" " + SeedText.Normalize(s) + " ", StringComparison.Ordinal))).ToList();

        Assert.True(statements.Count >= 20, "the statement list is missing");
        Assert.True(unquoted.Count == 0, "not quoted by any excerpt: " + string.Join(" | ", unquoted));
    }

    [Fact]
    public void Dates_EveryDateOfFactsMd_IsStatedByTheFactThatCoversIt()
    {
        // Spot checks of dates FACTS.md restores; each must be among the dates of a fact covering that FACTS id.
        (string Cover, string Date)[] expected =
        [
            ("F04", "1925-01-20"), ("F49", "1924-05-14"), ("F44", "1924-02-13"), ("F21", "1925-05-15"),
            ("F35", "1925-02-25"), ("F36", "1925-02-26"), ("F37", "1925-02-27"), ("F39", "1925-05-20"),
            ("F58", "1925-12-14"), ("F64", "1941-04-13"), ("F70", "1944-03-30"), ("F77", "1905-09-05"),
            ("F13", "1907"),
        ];
        var facts = knowledge.Facts.Facts;
        foreach (var (cover, date) in expected)
        {
            Assert.True(
                facts.Where(f => f.Covers.Contains(cover)).SelectMany(f => f.Dates).Any(d => d.ToString() == date || d.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) == date),
                $"no fact covering {cover} states {date}");
        }
    }
}
