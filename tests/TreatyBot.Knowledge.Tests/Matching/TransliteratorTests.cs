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
}
