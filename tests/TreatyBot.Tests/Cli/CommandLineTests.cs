using System.Text.Json;
using TreatyBot.Cli;
using TreatyBot.Tests.Fakes;
using TreatyBot.Tests.Rendering;

namespace TreatyBot.Tests.Cli;

public sealed class CommandLineTests
{
    [Fact]
    public void Ask_Question_PrintsAnswerExcerptAndSource()
    {
        var (exitCode, output, _) = Run(["ask", "Когда подписан Пекинский договор?"]);

        Assert.Equal(0, exitCode);
        Assert.Contains("20 января 1925", output, StringComparison.Ordinal);
        Assert.Contains("Пекин", output, StringComparison.Ordinal);
        Assert.Contains("(worldjpn.net)", output, StringComparison.Ordinal); // a source: its title and host
        Assert.DoesNotContain("https://", output, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AskJson_Question_PrintsOneObjectWithEveryField()
    {
        var (exitCode, output, _) = Run(["ask", "--json", "Когда подписан Пекинский договор?"]);

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("Когда подписан Пекинский договор?", root.GetProperty("question").GetString());
        Assert.Equal("ru", root.GetProperty("language").GetString());
        Assert.False(root.GetProperty("abstained").GetBoolean());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("factId").GetString()));
        Assert.InRange(root.GetProperty("score").GetDouble(), 0, 1);
        Assert.Contains("20 января 1925", root.GetProperty("answer").GetString(), StringComparison.Ordinal);
        var citation = root.GetProperty("citations")[0];
        Assert.StartsWith("https://", citation.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(citation.GetProperty("title").GetString()));
        Assert.Equal(JsonValueKind.Array, root.GetProperty("candidates").ValueKind);
        var html = root.GetProperty("html").GetString()!;
        Assert.Empty(TelegramHtml.Problems(html));
        Assert.Contains("<blockquote expandable>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AskJson_Unrelated_AbstainsPolitely()
    {
        var (_, output, _) = Run(["ask", "--json", "what is the weather in Moscow"]);

        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("abstained").GetBoolean());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("factId").ValueKind);
        Assert.Equal("en", json.RootElement.GetProperty("language").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("answer").GetString()));
    }

    [Fact]
    public void AskJson_QuestionsOnStandardInput_OneObjectPerLineInOrder()
    {
        var (exitCode, output, _) = Run(["ask", "--json"], "кто подписал договор\nwhat is the weather in Moscow\n\nкогда подписан договор\n");

        Assert.Equal(0, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        string[] questions = ["кто подписал договор", "what is the weather in Moscow", "", "когда подписан договор"];
        for (var i = 0; i < lines.Length; i++)
        {
            using var json = JsonDocument.Parse(lines[i]);
            Assert.Equal(questions[i], json.RootElement.GetProperty("question").GetString());
        }
    }

    [Fact]
    public void Chat_StartQuestionQuit_AnswersInTheTerminal()
    {
        var (exitCode, output, _) = Run(["chat"], "/start\nкто подписал договор\n/quit\n");

        Assert.Equal(0, exitCode);
        Assert.Contains("Здравствуйте", output, StringComparison.Ordinal);
        Assert.Contains("Карахан", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AskJson_FactAnswer_HasOneExcerptNotOnePerCitation()
    {
        var (_, output, _) = Run(["ask", "--json", "Когда подписан Пекинский договор?"]);

        using var json = JsonDocument.Parse(output);
        Assert.Contains("20 января 1925", json.RootElement.GetProperty("excerpt").GetString(), StringComparison.Ordinal);
        Assert.All(json.RootElement.GetProperty("citations").EnumerateArray(), c => Assert.False(c.TryGetProperty("excerpt", out _)));
        Assert.Equal("fact", json.RootElement.GetProperty("kind").GetString());
    }

    [Fact]
    public void Ask_QuestionsOnStandardInputWithoutJson_AnswersEachAsText()
    {
        var (exitCode, output, _) = Run(["ask"], "кто подписал договор\n\nwhat is the weather in Moscow\n");

        Assert.Equal(0, exitCode);
        Assert.Contains("> кто подписал договор", output, StringComparison.Ordinal);
        Assert.Contains("Карахан", output, StringComparison.Ordinal);
        Assert.Contains("> what is the weather in Moscow", output, StringComparison.Ordinal);
        Assert.True(output.IndexOf("Карахан", StringComparison.Ordinal) < output.IndexOf("> what is", StringComparison.Ordinal));
    }

    [Fact]
    public void Chat_TimelineSourcesAndLang_WorkAsInTelegram()
    {
        var (exitCode, output, _) = Run(["chat"], "/timeline\n/sources\n/lang en\nкто подписал договор\n/quit\n");

        Assert.Equal(0, exitCode);
        Assert.Contains("1. ", output, StringComparison.Ordinal);
        Assert.Contains("20 января 1925", output, StringComparison.Ordinal);
        Assert.Contains("wikipedia.org)", output, StringComparison.Ordinal);
        Assert.Contains("Karakhan", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AskExplain_Question_ShowsHowItWasRead()
    {
        var (exitCode, output, _) = Run(["ask", "--explain", "Здравствуйте! Подскажите, пожалуйста, кто такой Карахан и что он делал в 1925 году?"]);

        Assert.Equal(0, exitCode);
        Assert.Contains("read as:", output, StringComparison.Ordinal);
        Assert.Contains("filler words left out", output, StringComparison.Ordinal);
        Assert.Contains("WhoIs", output, StringComparison.Ordinal);
        Assert.Contains("entities: karakhan", output, StringComparison.Ordinal);
        Assert.Contains("dates:", output, StringComparison.Ordinal);
        Assert.Contains("score", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--min-in", "O.95")]
    [InlineData("--max-wrong", "2")]
    [InlineData("--min-out", "")]
    [InlineData("--min-in", "0,95")]
    public void Eval_MistypedThreshold_IsAnErrorNotAnOpenGate(string option, string value)
    {
        var (exitCode, output, error) = Run(["eval", TestPaths.TuningSet, option, value]);

        Assert.Equal(2, exitCode);
        Assert.Contains(option, error, StringComparison.Ordinal);
        Assert.DoesNotContain("thresholds met", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_MissingFile_SaysFileNotFound()
    {
        var (exitCode, _, error) = Run(["eval", "no-such-set.tsv", "--min-in", "0.95"]);

        Assert.Equal(2, exitCode);
        Assert.Contains("file not found: no-such-set.tsv", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_ThresholdsBeforeTheFile_AreReadTheSame()
    {
        using var folder = TemporaryFolder.Create();
        var set = Path.Combine(folder.Path, "set.tsv");
        File.WriteAllText(set, "in\tru\tкогда подписан пекинский договор\t20 января 1925\nin\ten\twho signed for japan\tno such name\n");

        var (exitCode, output, _) = Run(["eval", "--max-wrong", "0", "--min-in", "1", set]);

        Assert.Equal(1, exitCode);
        Assert.Contains("in         1/2", output, StringComparison.Ordinal);
        Assert.Contains("below thresholds (in ≥ 100.0 %", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_HeldOutFolderWithSummary_PrintsRatesButNoQuestion()
    {
        var (exitCode, output, _) = Run(["eval", TestPaths.HeldOut, "--summary"]);

        Assert.Equal(0, exitCode);
        Assert.Contains("round-1.tsv", output, StringComparison.Ordinal);
        Assert.Contains("in-scope answered right:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RepositoryResponses_Passes()
    {
        var (exitCode, output, error) = Run(["validate"]);

        Assert.True(exitCode == 0, error);
        Assert.Contains("OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommand_ExitsNonZeroWithUsage()
    {
        var (exitCode, _, error) = Run(["frobnicate"]);

        Assert.Equal(2, exitCode);
        Assert.Contains("Usage", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    [InlineData("123:short")]
    public async Task Run_WithoutAValidToken_FailsFastWithOneClearLine(string? token)
    {
        var (exitCode, stdout, stderr) = await BotProcess.RunAsync(new Dictionary<string, string?> { ["Bot__Token"] = token });

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(BotProcess.Lines(stderr));
        Assert.Contains("Bot__Token", line, StringComparison.Ordinal);
        Assert.Contains("ask", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
        Assert.Empty(stdout);
        if (token is not null)
        {
            Assert.DoesNotContain(token, line, StringComparison.Ordinal);
        }
    }

    private static (int ExitCode, string Output, string Error) Run(string[] args, string input = "")
    {
        using var stdin = new StringReader(input);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = CommandLine.TryRun(args, stdin, stdout, stderr);
        Assert.NotNull(exitCode);
        return (exitCode.Value, stdout.ToString().Trim(), stderr.ToString());
    }
}
