using TreatyBot.Knowledge.Matching;

namespace TreatyBot.Tests.Knowledge.Matching;

/// <summary>
/// The pieces of the words (<see cref="LetterGrams"/>): what a user would notice is a misspelt or oddly ended word still
/// pointing at the questions that used it, and case, «ё» and punctuation making no difference.
/// </summary>
public sealed class LetterGramsTests
{
    private static QuestionTexts Texts
    {
        get
        {
            var texts = new QuestionTexts();
            texts.Add("Когда подписали конвенцию?", 0);
            texts.Add("Дата подписания конвенции", 0);
            texts.Add("Сколько нефти добывали на Сахалине?", 1);
            texts.Add("Нефтяные концессии на Северном Сахалине", 1);
            texts.Add("Какой сегодня курс доллара?", 2);
            return texts;
        }
    }

    [Theory]
    [InlineData("нефть сохалина", 1)]
    [InlineData("подписанье конвенцыи", 0)]
    [InlineData("курс доларов", 2)]
    public void Chances_MisspeltWords_StillFavourTheClassWhoseQuestionsUsedThem(string question, int expected)
    {
        var pieces = LetterGrams.Learn(Texts, [0, 1, 2], 3, cache: null);
        var chances = new double[3];

        pieces.Chances(question, chances);

        Assert.Equal(expected, Array.IndexOf(chances, chances.Max()));
        Assert.Equal(1, chances.Sum(), 9);
    }

    [Fact]
    public void Chances_CaseYoAndPunctuation_MakeNoDifference()
    {
        var pieces = LetterGrams.Learn(Texts, [0, 1, 2], 3, cache: null);
        var (plain, written) = (new double[3], new double[3]);

        pieces.Chances("ещё нефть сахалина", plain);
        pieces.Chances("ЕЩЕ... «Нефть» Сахалина?!", written);

        Assert.Equal(plain, written);
    }

    [Theory]
    // A word of one or two letters is one piece with its spaces; a longer one, one piece per letter but the last two.
    [InlineData("а", 1)]
    [InlineData("да", 1)]
    [InlineData("нет", 2)]
    [InlineData("Сахалин", 6)]
    [InlineData("Сахалин, да!", 7)]
    [InlineData("«...»", 0)]
    public void PieceReader_ReadsEachWordWithASpaceOnEitherSide(string text, int count)
    {
        var read = 0;
        var pieces = new LetterGrams.PieceReader(text);
        while (pieces.Next(out _))
        {
            read++;
        }

        Assert.Equal(count, read);
    }

    [Fact]
    public void QuestionTexts_ManyMoreThanTheFirstBuffer_EachReadBackWithItsLabel()
    {
        var texts = new QuestionTexts();
        var written = Enumerable.Range(0, 20_000).Select(i => ($"Вопрос номер {i} о Пекинском договоре?", i % 7)).ToArray();
        foreach (var (text, label) in written)
        {
            texts.Add(text, label);
        }

        Assert.Equal(written.Length, texts.Count);
        Assert.All(Enumerable.Range(0, written.Length), i => Assert.Equal(written[i], (texts.Text(i).ToString(), texts.Label(i))));
    }
}
