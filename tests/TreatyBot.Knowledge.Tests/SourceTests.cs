using System.Text.RegularExpressions;
using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Tests.Knowledge;

/// <summary>
/// Sources as a reader sees them: titles and locators without research notes, and no solid entry resting on weak
/// sites alone (aggregators, blogs, forums, library mirrors). Which citations an answer shows is the renderer's
/// choice: AnswerRendererTests.
/// </summary>
public sealed partial class SourceTests(FactBaseFixture knowledge) : IClassFixture<FactBaseFixture>
{
    private FactBase Base => knowledge.Facts;

    [Fact]
    public void Titles_EverySource_CarryNoResearchNotes()
    {
        var offending = Base.Sources
            .SelectMany(s => new[] { s.Title.Ru, s.Title.En }.Select(t => (s.Id, Text: t)))
            .Where(t => ResearchNote().IsMatch(t.Text))
            .Select(t => $"{t.Id}: {t.Text}")
            .ToList();

        Assert.True(offending.Count == 0, string.Join("\n", offending));
    }

    [Fact]
    public void Locators_EveryCitation_CarryNoResearchNotes()
    {
        var offending = Base.Facts
            .SelectMany(f => f.Citations.Where(c => c.Locator is { } l && (ResearchNote().IsMatch(l.Ru) || ResearchNote().IsMatch(l.En))).Select(c => $"{f.Id}: {c.Locator}"))
            .ToList();

        Assert.True(offending.Count == 0, string.Join("\n", offending));
    }

    [Fact]
    public void Locators_RussianAnswer_ReadInRussian()
    {
        // A locator written once must be language-neutral (a page, an article number); words need ru and en forms.
        var offending = Base.Facts
            .SelectMany(f => f.Citations.Where(c => c.Locator is { } l && EnglishWord().IsMatch(l.Ru)).Select(c => $"{f.Id}: {c.Locator!.Ru}"))
            .ToList();

        Assert.True(offending.Count == 0, $"{offending.Count} locators in English in Russian answers:\n" + string.Join("\n", offending.Take(20)));
    }

    [Fact]
    public void Citations_EntryCitingOnlyWeakSites_IsNotSolid()
    {
        var offending = Base.Facts
            .Where(f => f.Citations.All(c => c.Source.IsWeak) && f.Status == FactStatus.Solid)
            .Select(f => $"{f.Id} ({f.Status})")
            .ToList();

        Assert.True(offending.Count == 0, "only weak sites cited, but the status says otherwise: " + string.Join(", ", offending));
    }

    [Theory]
    [InlineData("Пекинский договор (1925) — Русская Википедия (зеркало wiki-org.ru)", true)]
    [InlineData("Google Books id 8JwsAAAAIAAJ, pp. 84 and 89 (plain-text view)", true)]
    [InlineData("Convention, closing formula (OCR)", true)]
    [InlineData("English Wikipedia (two stored revisions + one mirror)", true)]
    [InlineData("Википедия: Пекинский договор (1925)", false)]
    [InlineData("p. 157, right column", false)]
    public void ResearchNote_SampleText_IsRecognised(string text, bool expected)
    {
        Assert.Equal(expected, ResearchNote().IsMatch(text));
    }

    [GeneratedRegex(@"\bmirror\b|зеркал|\bOCR\b|flip-book|plain-text view|stored revision|\bid [0-9A-Za-z]{6,}|quoted in a forum|\(via ", RegexOptions.IgnoreCase)]
    private static partial Regex ResearchNote();

    /// <summary>An English word of three letters or more (Latin abbreviations like "p." or "Art." are shorter or common in both).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?!(?:Art|XIX|XVI|VII|III|LNTS)\b)[A-Za-z]{3,}\b")]
    private static partial System.Text.RegularExpressions.Regex EnglishWord();
}
