using TreatyBot.Knowledge.Matching;

namespace TreatyBot.Tests.Knowledge.Matching;

public sealed class EditDistanceTests
{
    [Theory]
    [InlineData("договор", "договор", 0)]
    [InlineData("догвор", "договор", 1)]
    [InlineData("singed", "signed", 1)]
    [InlineData("концесия", "концессия", 1)]
    [InlineData("пекинскй", "пекинский", 1)]
    [InlineData("treaty", "tready", 1)]
    [InlineData("когда", "кгд", 2)]
    public void Bounded_TwoWords_CountsTheEditsBetweenThem(string a, string b, int edits)
    {
        Assert.Equal(edits, EditDistance.Bounded(a, b, 3));
    }

    [Theory]
    [InlineData("догвор", "договор", true)]
    [InlineData("договорр", "договор", true)]
    [InlineData("договро", "договор", true)]
    [InlineData("дaговор", "договор", true)]
    [InlineData("дгвор", "договор", false)]
    [InlineData("singed", "signed", true)]
    [InlineData("sign", "signed", false)]
    public void IsWithinOne_TwoWords_TellsWhetherOneEditSeparatesThem(string a, string b, bool within)
    {
        Assert.Equal(within, EditDistance.IsWithinOne(a, b));
    }

    [Fact]
    public void Bounded_WordsFartherThanTheLimit_StopsAtTheLimit()
    {
        Assert.Equal(2, EditDistance.Bounded("протокол", "пакт", 2));
    }
}
