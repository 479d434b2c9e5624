using System.Text.RegularExpressions;
using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Tests.Knowledge;

/// <summary>
/// One spelling per name and place in the bot's own words (lexicon.yaml, <c>spellings</c>); the variants stay for
/// matching. English answers carry Cyrillic only in parentheses, as an original title or spelling.
/// </summary>
public sealed partial class SpellingTests(FactBaseFixture knowledge) : IClassFixture<FactBaseFixture>
{
    private FactBase Base => knowledge.Facts;

    [Fact]
    public void Spellings_Lexicon_ListsTheNamesOfBothLanguages()
    {
        Assert.Contains(Base.Lexicon.Spellings, s => s.Language == Language.En && s.Canonical == "Aleksandrovsk");
        Assert.Contains(Base.Lexicon.Spellings, s => s.Language == Language.Ru);
    }

    [Fact]
    public void Answers_EveryCanonicalSpelling_IsUsedAndNoVariantIsWritten()
    {
        foreach (var spelling in Base.Lexicon.Spellings)
        {
            var texts = Base.Facts.SelectMany(f => OwnWords(f, spelling.Language).Select(t => (f.Id, Text: t))).ToList();
            Assert.True(texts.Any(t => Occurs(t.Text, spelling.Canonical)), $"{spelling.Location}: no answer writes '{spelling.Canonical}'");
            foreach (var variant in spelling.Variants)
            {
                var offending = texts.Where(t => Occurs(Unquoted(t.Text), variant)).Select(t => t.Id).Distinct().ToList();
                Assert.True(offending.Count == 0, $"'{variant}' is written instead of '{spelling.Canonical}' in: {string.Join(", ", offending)}");
            }
        }
    }

    [Fact]
    public void Keywords_EveryVariantSpelling_StaysSearchable()
    {
        var searchable = Base.Facts.SelectMany(f => f.Keywords.All)
            .Concat(Base.Lexicon.Aliases.SelectMany(a => a.Phrases))
            .ToList();
        foreach (var spelling in Base.Lexicon.Spellings)
        {
            foreach (var variant in spelling.Variants)
            {
                Assert.True(
                    searchable.Any(k => Occurs(k, variant) || Occurs(variant, k)),
                    $"{spelling.Location}: the variant '{variant}' is neither a keyword nor an alias, so questions using it are lost");
            }
        }
    }

    [Fact]
    public void EnglishText_Cyrillic_OnlyInParentheses()
    {
        foreach (var fact in Base.Facts)
        {
            foreach (var text in OwnWords(fact, Language.En))
            {
                var outside = Parenthesised().Replace(text, "");
                Assert.False(Cyrillic().IsMatch(outside), $"{fact.Id}: Cyrillic outside parentheses in an English text: {text}");
            }
        }
    }

    [Theory]
    [InlineData("at Alexandrovsk in May", "Alexandrovsk", true)]
    [InlineData("at Aleksandrovsk-Sakhalinsky", "Aleksandrovsk", true)]
    [InlineData("the Gotō–Joffe talks", "Goto", false)]
    [InlineData("компанией «Тэйкоку Сэкию»", "Тэйкоку сэкию", false)]
    public void Occurs_SampleText_MatchesWholeWordsCaseSensitively(string text, string phrase, bool expected)
    {
        Assert.Equal(expected, Occurs(text, phrase));
    }

    [Fact]
    public void Unquoted_QuotedSpelling_IsLeftOut()
    {
        Assert.False(Occurs(Unquoted("писали «Иосидзава», сейчас Ёсидзава"), "Иосидзава"));
        Assert.True(Occurs(Unquoted("посланник Иосидзава"), "Иосидзава"));
    }

    /// <summary>What the bot says in its own words: title, answer, detail and dispute (not keywords, not the excerpt).</summary>
    internal static IEnumerable<string> OwnWords(Fact fact, Language language)
    {
        yield return fact.Title[language];
        yield return fact.Answer[language];
        if (fact.Detail is { } detail)
        {
            yield return detail[language];
        }

        if (fact.Dispute is { } dispute)
        {
            yield return dispute[language];
        }
    }

    private static bool Occurs(string text, string phrase) =>
        Regex.IsMatch(text, @"(?<![\p{L}\p{M}])" + Regex.Escape(phrase) + @"(?![\p{L}\p{M}])", RegexOptions.CultureInvariant);

    private static string Unquoted(string text) => Quoted().Replace(text, "");

    [GeneratedRegex("«[^»]*»|\"[^\"]*\"")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\([^()]*\)")]
    private static partial Regex Parenthesised();

    [GeneratedRegex(@"\p{IsCyrillic}")]
    private static partial Regex Cyrillic();
}
