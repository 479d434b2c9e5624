using TreatyBot.Knowledge.Matching;

namespace TreatyBot.Tests.Knowledge.Matching;

public sealed class TransliteratorTests
{
    [Theory]
    [InlineData("kogda", "когда")]
    [InlineData("pekinskiy", "пекинский")]
    [InlineData("yaponiya", "япония")]
    [InlineData("kontsessiya", "концессия")]
    [InlineData("sakhalin", "сахалин")]
    [InlineData("voyska", "войска")]
    [InlineData("byl", "был")]
    [InlineData("sovetskiy", "советский")]
    public void ToCyrillic_RussianWordInLatinLetters_ReadsItBack(string latin, string cyrillic)
    {
        Assert.Equal(cyrillic, Transliterator.ToCyrillic(latin));
    }

    [Theory]
    [InlineData("Kogda byl podpisan dogovor?", "когда был подписан договор?")]
    [InlineData("kto podpisal v 1925 g.", "кто подписал в 1925 г.")]
    [InlineData("chto takoe «Kita Karafuto»", "что такое «кита карафуто»")]
    [InlineData("sem'ya yaponskogo posla", "семья японского посла")]
    public void LatinToCyrillic_RussianTypedInLatinLetters_ReadsTheWholeText(string latin, string cyrillic)
    {
        Assert.Equal(cyrillic, Transliterator.LatinToCyrillic(latin));
    }
}
