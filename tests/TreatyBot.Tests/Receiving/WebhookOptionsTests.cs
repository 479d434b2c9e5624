using TreatyBot.Receiving;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.Tests.Receiving;

public sealed class WebhookOptionsTests
{
    [Fact]
    public void Validate_PollingMode_NeedsNothing()
    {
        var result = new WebhookOptionsValidator().Validate(null, new WebhookOptions());

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_WebhookModeWithoutUrlOrSecret_NamesBothKeys()
    {
        var result = new WebhookOptionsValidator().Validate(null, new WebhookOptions { Enabled = true });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Webhook:Url", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Webhook:SecretToken", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://bot.example.org/update", "secret")]
    [InlineData("https://bot.example.org/update", "has space")]
    [InlineData("https://bot.example.org/update", "ünïcode")]
    public void Validate_PlainHttpOrBadSecret_Fails_WithoutShowingTheSecret(string url, string secret)
    {
        var result = new WebhookOptionsValidator().Validate(null, new WebhookOptions { Enabled = true, Url = url, SecretToken = secret });

        Assert.True(result.Failed);
        Assert.DoesNotContain(result.Failures!, f => f.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public void Path_IsThePathOfThePublicUrl()
    {
        Assert.Equal("/telegram/update", new WebhookOptions { Url = "https://bot.example.org/telegram/update" }.Path);
    }

    [Theory]
    [InlineData("Bot__Mode", "webhook", "Webhook:SecretToken")]
    [InlineData("Bot__Mode", "carrier-pigeon", "Bot:Mode")]
    public async Task Run_BadWebhookSettings_FailsFastWithOneClearLine(string key, string value, string named)
    {
        var (exitCode, stdout, stderr) = await BotProcess.RunAsync(new Dictionary<string, string?>
        {
            ["Bot__Token"] = "123456789:TEST-secret_token_DO_NOT_LOG_abcdefghij",
            ["Webhook__Url"] = "https://bot.example.org/telegram/update",
            ["Webhook__SecretToken"] = null,
            [key] = value,
            ["Urls"] = "http://127.0.0.1:0",
        });

        Assert.Equal(2, exitCode);
        var line = Assert.Single(BotProcess.Lines(stderr));
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.DoesNotContain("DO_NOT_LOG", line, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }
}
