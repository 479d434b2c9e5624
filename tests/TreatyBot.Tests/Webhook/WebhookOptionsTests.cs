using System.Diagnostics;
using TreatyBot.Hosting;

namespace TreatyBot.Tests.Webhook;

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
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestPaths.RepoRoot,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(TestPaths.BotAssembly);
        start.Environment["Bot__Token"] = "123456789:TEST-secret_token_DO_NOT_LOG_abcdefghij";
        start.Environment["Webhook__Url"] = "https://bot.example.org/telegram/update";
        start.Environment.Remove("Webhook__SecretToken");
        start.Environment[key] = value;
        start.Environment["Urls"] = "http://127.0.0.1:0";

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, process.ExitCode);
        var line = Assert.Single((await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.DoesNotContain("DO_NOT_LOG", line, StringComparison.Ordinal);
        Assert.Empty(await stdout);
    }
}
