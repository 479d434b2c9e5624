using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Tests.Knowledge;

public sealed class SeedTextTests
{
    private static readonly SeedText Seed = new(File.ReadAllText(Path.Combine(TestPaths.Responses, "seed.txt")));

    [Fact]
    public void Normalize_RestoredText_DropsDigitsPunctuationAndOneLetterWords()
    {
        Assert.Equal(
            "мая года официальные советско японские переговоры начались пекине",
            SeedText.Normalize("14 мая 1924 года официальные советско-японские переговоры начались в Пекине."));
    }

    [Fact]
    public void Normalize_Yo_ReadAsYe()
    {
        Assert.Equal("заключенные россией", SeedText.Normalize("Заключённые Россией"));
    }

    [Fact]
    public void Contains_RestoredSeedSpan_IsTrue()
    {
        Assert.True(Seed.Contains("Согласно конвенции, Япония обязалась к 15 мая 1925 года вывести свои войска с территории Северного Сахалина"));
    }

    [Theory]
    [InlineData("Япония обязалась к 15 мая 1925 года вывести все свои войска")]
    [InlineData("Конвенция подписана в Токио")]
    [InlineData("")]
    [InlineData("ссср ссср")]
    public void Contains_TextNotInSeed_IsFalse(string excerpt)
    {
        Assert.False(Seed.Contains(excerpt));
    }

    [Fact]
    public void Contains_PartOfAWord_IsFalse()
    {
        // "онвенции" is inside "конвенции": an excerpt must consist of whole seed words.
        Assert.False(Seed.Contains("онвенции япония обязалась"));
    }
}
