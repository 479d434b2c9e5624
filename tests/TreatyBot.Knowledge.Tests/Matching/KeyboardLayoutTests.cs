using TreatyBot.Knowledge.Matching;

namespace TreatyBot.Tests.Knowledge.Matching;

public sealed class KeyboardLayoutTests
{
    [Theory]
    [InlineData("ytanm", "нефть")]
    [InlineData("Cf[fkby", "Сахалин")]
    [InlineData("ytanm, 1925", "нефть, 1925")]
    [InlineData("црщ ышптув", "who signed")]
    public void Switch_TextTypedOnTheOtherLayout_GivesTheWordsMeant(string typed, string meant)
    {
        Assert.Equal(meant, KeyboardLayout.Switch(typed));
    }
}
