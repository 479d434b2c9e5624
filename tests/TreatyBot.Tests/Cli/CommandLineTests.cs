using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using TreatyBot.Cli;
using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Evaluation;
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
    public void Chat_TimelineWithAYear_ListsThatYearsEvents()
    {
        var (exitCode, output, _) = Run(["chat"], "/timeline 1944\n1941\n/quit\n");

        Assert.Equal(0, exitCode);
        Assert.Contains("События 1944 года", output, StringComparison.Ordinal);
        Assert.Contains("30 марта 1944", output, StringComparison.Ordinal);
        Assert.Contains("События 1941 года", output, StringComparison.Ordinal);
        Assert.DoesNotContain("20 января 1925", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AskExplain_Question_ShowsHowItWasRead() =>
        AssertExplainShows(
            "Здравствуйте! Подскажите, пожалуйста, кто такой Карахан и что он делал в 1925 году?",
            "read as:", "filler words left out", "WhoIs", "entities: karakhan", "dates:", "score");

    [Fact]
    public void AskExplain_YesNoQuestionWithAnotherEventsDay_SaysTheFactHoldingTheDayDoesNotConfirmIt() =>
        AssertExplainShows(
            "Was the treaty signed on 26 February 1925?",
            "does not tell what the question says happened then",
            "opens with \"no\"",
            "No. The Convention was signed in Peking (Beijing) on 20 January 1925");

    [Fact]
    public void AskJsonExplain_WordNoFactUses_IsListedAsUnknown()
    {
        var (exitCode, output, _) = Run(["ask", "--json", "--explain", "чем закончилась тягомотина с японцами по нефтянке?"]);

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        var unknown = json.RootElement.GetProperty("reading").GetProperty("unknown").GetString();
        Assert.Equal("тягомотин", unknown);
    }

    [Theory]
    [InlineData("--min-in", "O.95")]
    [InlineData("--max-wrong", "2")]
    [InlineData("--min-out", "")]
    [InlineData("--min-in", "0,95")]
    [InlineData("--min-out", "-0.1")]
    public void Eval_MistypedThreshold_IsAnErrorNotAnOpenGate(string option, string value)
    {
        var (exitCode, output, error) = Run(["eval", TestPaths.TuningSet, option, value]);

        Assert.Equal(2, exitCode);
        Assert.Contains($"{option} needs a number from 0 to 1, not '{value}'", error, StringComparison.Ordinal);
        Assert.Contains("TreatyBot eval --help", error, StringComparison.Ordinal);
        Assert.DoesNotContain("thresholds met", output, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--min-in=O.95")]
    [InlineData("--min-in:1.5")]
    public void Eval_MistypedThresholdJoinedToItsOption_IsAnError(string argument)
    {
        var (exitCode, output, error) = Run(["eval", argument, TestPaths.TuningSet]);

        Assert.Equal(2, exitCode);
        Assert.Contains("--min-in needs a number from 0 to 1", error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public void Eval_ThresholdWithoutItsNumber_NamesTheOption()
    {
        var (exitCode, output, error) = Run(["eval", TestPaths.TuningSet, "--max-wrong"]);

        Assert.Equal(2, exitCode);
        Assert.Contains("--max-wrong", error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public void Eval_MistypedOption_IsAnErrorNamingIt()
    {
        var (exitCode, output, error) = Run(["eval", TestPaths.TuningSet, "--min-inn", "0.95"]);

        Assert.Equal(2, exitCode);
        Assert.Contains("unknown option --min-inn", error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public void Eval_NoQuestionFile_IsAnError()
    {
        var (exitCode, output, error) = Run(["eval", "--min-in", "0.95"]);

        Assert.Equal(2, exitCode);
        Assert.Contains("FILE.tsv|FOLDER", error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public void Eval_MalformedQuestionFile_OneLineNamingFileAndLineNoStackTrace()
    {
        using var folder = TemporaryFolder.Create();
        var set = Path.Combine(folder.Path, "set.tsv");
        File.WriteAllText(set, "in\tru\tкогда подписан пекинский договор\t20 января 1925\nmaybe\tru\tкто подписал\n");

        var (exitCode, _, error) = Run(["eval", set]);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("set.tsv:2: unknown kind 'maybe'", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_MissingFile_SaysFileNotFound()
    {
        var (exitCode, _, error) = Run(["eval", "no-such-set.tsv", "--min-in", "0.95"]);

        Assert.Equal(2, exitCode);
        Assert.Contains("file not found: no-such-set.tsv", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--max-wrong", "0", "--min-in", "1", "SET")]
    [InlineData("SET", "--max-wrong", "0", "--min-in", "1")]
    [InlineData("--min-in=1", "SET", "--max-wrong:0")]
    public void Eval_ThresholdsBeforeOrAfterTheFile_AreReadTheSame(params string[] arguments)
    {
        using var folder = TemporaryFolder.Create();
        var set = Path.Combine(folder.Path, "set.tsv");
        File.WriteAllText(set, "in\tru\tкогда подписан пекинский договор\t20 января 1925\nin\ten\twho signed for japan\tno such name\n");

        var (exitCode, output, _) = Run(["eval", .. arguments.Select(a => a == "SET" ? set : a)]);

        Assert.Equal(1, exitCode);
        Assert.Contains("in         1/2", output, StringComparison.Ordinal);
        Assert.Contains("below thresholds (in ≥ 100.0 %, out ≥ 0.0 %, wrong ≤ 0.0 %)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_AReadersVerdictOnTheAnsweredFact_DecidesOverTheExpect()
    {
        const string question = "Когда подписан Пекинский договор?";
        var fact = FactAnswering(question);
        using var folder = TemporaryFolder.Create();
        var set = Path.Combine(folder.Path, "set.tsv");
        File.WriteAllLines(set,
        [
            $"in\tru\t{question}\t20 января 1925\t{fact}\t-{fact}", // the words are there, but a reader said it does not answer
            $"in\tru\t{question}\tno such words\t{fact}\t+{fact}", // a reader said it answers, in other words
            $"in\tru\t{question}\tno such words\t{fact}\t+another-fact -yet-another", // verdicts on other facts: the expect decides
        ]);

        var (exitCode, output, _) = Run(["eval", set]);

        Assert.Equal(0, exitCode);
        Assert.Contains("in         1/3", output, StringComparison.Ordinal);
        Assert.Contains("wrong confident answers: 66.7 % (2)", output, StringComparison.Ordinal);
        Assert.Contains("FAIL line 1 ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL line 2 ", output, StringComparison.Ordinal);
        Assert.Contains("FAIL line 3 ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_Unjudged_ListsAnswersWithAnotherFactThanTheLabelAndNoVerdict()
    {
        const string question = "Когда подписан Пекинский договор?";
        var fact = FactAnswering(question);
        using var folder = TemporaryFolder.Create();
        var set = Path.Combine(folder.Path, "set.tsv");
        var unjudged = Path.Combine(folder.Path, "unjudged.tsv");
        File.WriteAllLines(set,
        [
            $"in\tru\t{question}\t20 января 1925\tanother-fact", // another fact than the label: to judge
            $"in\tru\t{question}\t20 января 1925\t{fact}", // the label's own fact: the expect decides
            $"in\tru\t{question}\t20 января 1925\tanother-fact\t-{fact}", // judged already
            $"out\ten\t{question}", // not in scope: nothing to judge
            $"unknown\tru\t{question}\t\tanother-fact", // "no source gives it", yet answered as if one did: to judge
        ]);

        var (exitCode, _, _) = Run(["eval", set, "--summary", "--unjudged", unjudged]);

        Assert.Equal(0, exitCode);
        Assert.Equal(
            [
                [set, "1", "ru", question, "another-fact", fact, "pass"],
                [set, "5", "ru", question, "another-fact", fact, "fail"],
            ],
            File.ReadAllLines(unjudged).Select(row => row.Split('\t')));
    }

    [Fact]
    public void Eval_Features_WritesEachWeighedFactWithWhetherItPassesAndTheGatesFeatures()
    {
        const string question = "Когда подписан Пекинский договор?";
        var fact = FactAnswering(question);
        using var folder = TemporaryFolder.Create();
        var set = Path.Combine(folder.Path, "set.tsv");
        var features = Path.Combine(folder.Path, "features.tsv");
        File.WriteAllLines(set,
        [
            $"in\tru\t{question}\t20 января 1925\t{fact}",
            $"in\tru\t{question}\tне в этом тексте\t{fact}",
            "out\tru\tПривет!",
        ]);

        var (exitCode, _, _) = Run(["eval", set, "--summary", "--features", features]);

        Assert.Equal(0, exitCode);
        var rows = File.ReadAllLines(features).Select(row => row.Split('\t')).ToList();
        var header = rows[0];
        Assert.Equal(["source", "line", "kind", "outcome", "weighed", "fact", "passes", "answered"], header[..8]);
        Assert.Equal(8 + AnswerGate.FeatureNames.Count, header.Length);
        var first = rows.Single(r => r[1] == "1" && r[5] == fact);
        Assert.Equal(["in", "right", "1", fact, "1", "1"], first[2..8]);
        Assert.Equal(header.Length, first.Length);
        Assert.Equal(["in", "wrong", "1", fact, "0", "1"], rows.Single(r => r[1] == "2" && r[5] == fact)[2..8]);
        // A greeting is answered before any fact is weighed: one line, no fact.
        Assert.Equal(["out", "abstained", "0", ""], Assert.Single(rows, r => r[1] == "3")[2..6]);
    }

    [Fact]
    public void AskExplain_WeighedQuestion_ShowsTheGatesChances()
    {
        var (exitCode, output, _) = Run(["ask", "--explain", "Когда подписан Пекинский договор?"]);

        Assert.Equal(0, exitCode);
        Assert.Matches(@"gate: +[a-z0-9-]+ [01]\.\d\d.*answers from 0\.\d\d", output);
        Assert.Matches(@"records: +[a-z0-9-]+ [01]\.\d\d \([01]\.\d\d as the matcher's best\), [01]\.\d\d beside the other fact", output);
        Assert.Matches(@"nearest: +[01]\.\d\d to a text of [a-z0-9-]+, [01]\.\d\d to one of another class", output);
        Assert.Matches(@"pieces: +(?:[01]\.\d\d|\d(?:\.\d)?e-\d\d) for [a-z0-9-]+ \(\d+ classes above it\), [01]\.\d\d the likeliest class", output);
    }

    [Theory]
    [InlineData(0.3333, "0.33")]
    [InlineData(1.0, "1.00")]
    [InlineData(0.0, "0.00")]
    [InlineData(0.005, "0.01")]
    [InlineData(0.0049, "4.9e-03")]
    [InlineData(6.14e-7, "6.1e-07")]
    public void AskExplain_AChanceTooSmallForTwoDecimals_ShowsItsDigitsNotZero(double chance, string shown) =>
        Assert.Equal(shown, AskCommand.Chance(chance));

    [Fact]
    public void Eval_QuestionOnADetailNoSourceGivesAnsweredWithAFactJudgedToGiveIt_IsRight()
    {
        const string question = "Когда подписан Пекинский договор?";
        var fact = FactAnswering(question);
        using var folder = TemporaryFolder.Create();
        var set = Path.Combine(folder.Path, "set.tsv");
        File.WriteAllLines(set,
        [
            $"unknown\tru\t{question}\t\tanother-fact\t+{fact}", // the writer thought no source gives it; a reader found it does
            $"unknown\tru\t{question}\t\tanother-fact\t-{fact}", // a reader agreed: a confident answer is wrong
            $"unknown\tru\t{question}\t\tanother-fact", // not judged: wrong, as before
        ]);

        var (exitCode, output, _) = Run(["eval", set]);

        Assert.Equal(0, exitCode);
        Assert.Contains("unknown    1/3", output, StringComparison.Ordinal);
        Assert.Contains("wrong confident answers: 66.7 % (2)", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("signing-date")]
    [InlineData("+signing-date -signing-date")]
    [InlineData("+")]
    public void Eval_MalformedVerdict_IsAnErrorNamingFileAndLine(string verdicts)
    {
        using var folder = TemporaryFolder.Create();
        var set = Path.Combine(folder.Path, "set.tsv");
        File.WriteAllText(set, $"in\tru\tкогда подписан пекинский договор\t20 января 1925\tsigning-date\t{verdicts}\n");

        var (exitCode, _, error) = Run(["eval", set]);

        Assert.Equal(1, exitCode);
        Assert.Contains("set.tsv:1: a verdict is +fact-id or -fact-id", error, StringComparison.Ordinal);
    }

    [Theory]
    // The answer names "Gotō": a person writing the expect types "goto", and a right answer is right.
    [InlineData("en", "who was Goto Shinpei", "goto")]
    // The answer names the concern «Кита Сагарэн Сэкию»; a person may write it «Сагарен».
    [InlineData("ru", "С каким японским концерном подписали договор о нефтяной концессии?", "сагарен")]
    public void Eval_ExpectSpeltPlainer_IsMetByAnAnswerSpeltWithMarksOrReversedE(string language, string question, string expect)
    {
        using var folder = TemporaryFolder.Create();
        var set = Path.Combine(folder.Path, "set.tsv");
        File.WriteAllText(set, $"in\t{language}\t{question}\t{expect}\n");

        var (exitCode, output, _) = Run(["eval", set, "--min-in", "1"]);

        Assert.True(exitCode == 0, output);
        Assert.Contains("in         1/1", output, StringComparison.Ordinal);
    }

    [Theory]
    // The answer lists "Articles I–VI, and an Article VII": an expect "article vii" is met, "article vi" is not.
    [InlineData("how many articles does the convention have", "article vii", 1)]
    [InlineData("how many articles does the convention have", "article vi", 0)]
    // The answer says "20 January 1925": "25" is not in it as a number, "20 jan" is.
    [InlineData("when was the treaty of peking signed", "25", 0)]
    [InlineData("when was the treaty of peking signed", "20 jan", 1)]
    // A piece of a word is still met where it stands: "igned" by "signed".
    [InlineData("when was the treaty of peking signed", "igned", 1)]
    public void Eval_ExpectEndingInANumber_IsMetOnlyByThatWholeNumber(string question, string expect, int right)
    {
        using var folder = TemporaryFolder.Create();
        var set = Path.Combine(folder.Path, "set.tsv");
        File.WriteAllText(set, $"in\ten\t{question}\t{expect}\n");

        var (exitCode, output, _) = Run(["eval", set]);

        Assert.True(exitCode == 0, output);
        Assert.Contains($"in         {right}/1", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_Cross_AsksEachBatchABotThatNeverLearnedIt()
    {
        // Tuning questions, which the classifier learned word for word from examples.tsv: some it alone gets right, and
        // a bot that never learned their batch misses those.
        var taught = EvalCase.ReadTsv(TestPaths.TuningSet).Where(c => c.Kind == EvalKind.In).Take(400).ToList();
        using var folder = TemporaryFolder.Create();
        var set = Path.Combine(folder.Path, "set.tsv");
        File.WriteAllLines(set, taught.Chunk(taught.Count / 2).SelectMany((batch, i) => batch
            .Select(c => $"in\t{c.Language.Code()}\t{c.Question}\t{string.Join("&&", c.Expected.Select(g => string.Join('|', g)))}\t{c.Fact}")
            .Prepend($"# batch {i + 1}")));

        var (_, plain, _) = Run(["eval", set, "--summary"]);
        var (exitCode, cross, _) = Run(["eval", set, "--summary", "--cross"]);

        Assert.Equal(0, exitCode);
        Assert.Contains("(each batch unlearned)", cross, StringComparison.Ordinal);
        Assert.True(Right(cross) < Right(plain), $"{plain}\n{cross}");
    }

    /// <summary>How many in-scope questions an eval report counts as answered right.</summary>
    private static int Right(string report) =>
        int.Parse(Regex.Match(report, @"^in +(\d+)/", RegexOptions.Multiline).Groups[1].Value, CultureInfo.InvariantCulture);

    [Fact]
    public void Eval_HeldOutFolderWithSummary_PrintsRatesButNoQuestion()
    {
        var (exitCode, output, _) = Run(["eval", TestPaths.HeldOut, "--summary"]);

        Assert.Equal(0, exitCode);
        Assert.Contains(Path.GetFileName(Directory.GetFiles(TestPaths.HeldOut, "round-*.tsv")[0]), output, StringComparison.Ordinal);
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
    public void UnknownCommand_ExitsTwoNamingItAndListingTheCommands()
    {
        var (exitCode, output, error) = Run(["frobnicate"]);

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Contains("'frobnicate'", error, StringComparison.Ordinal);
        Assert.Contains("Commands: ask, chat, validate, eval, review, health, run.", error, StringComparison.Ordinal);
        Assert.Contains("TreatyBot --help", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ListsEveryCommandOnStandardOutput()
    {
        var (exitCode, output, error) = Run(["--help"]);

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        foreach (var command in (string[])["ask", "chat", "validate", "eval", "health", "run"])
        {
            Assert.Matches($@"(?m)^  {command}\b", output);
        }
    }

    [Theory]
    [InlineData("eval", "--help")]
    [InlineData("eval", "-h")]
    [InlineData("help", "eval")]
    public void Help_OfACommand_ListsItsOptions(params string[] arguments)
    {
        var (exitCode, output, _) = Run(arguments);

        Assert.Equal(0, exitCode);
        Assert.Contains("TreatyBot eval <FILE.tsv|FOLDER>... [options]", output, StringComparison.Ordinal);
        Assert.Contains("--min-in <0..1>", output, StringComparison.Ordinal);
        Assert.Contains("--max-wrong <0..1>", output, StringComparison.Ordinal);
        Assert.Contains("--summary", output, StringComparison.Ordinal);
        Assert.DoesNotContain("eval: ", output, StringComparison.Ordinal); // help, not a run
    }

    [Fact]
    public void AskHelp_ExplainsJsonExplainAndStandardInput()
    {
        var (exitCode, output, _) = Run(["ask", "--help"]);

        Assert.Equal(0, exitCode);
        Assert.Contains("--json", output, StringComparison.Ordinal);
        Assert.Contains("--explain", output, StringComparison.Ordinal);
        Assert.Contains("standard input", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("version")]
    public void Version_PrintsTheBotsVersion(string argument)
    {
        var (exitCode, output, _) = Run([argument]);

        Assert.Equal(0, exitCode);
        Assert.Equal(typeof(CommandLine).Assembly.GetName().Version!.ToString(3), output);
    }

    [Fact]
    public void Ask_OptionAfterAnUnquotedQuestion_IsStillAnOption()
    {
        var (exitCode, output, _) = Run(["ask", "кто", "подписал", "договор", "--json"]);

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("кто подписал договор", json.RootElement.GetProperty("question").GetString());
        Assert.Contains("Карахан", json.RootElement.GetProperty("answer").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_QuestionStartingWithAt_IsAskedNotReadAsAFile()
    {
        var (exitCode, output, error) = Run(["ask", "--json", "@TreatyBot кто подписал договор"]);

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("@TreatyBot кто подписал договор", json.RootElement.GetProperty("question").GetString());
    }

    [Fact]
    public void Validate_ExtraArgument_IsAnError()
    {
        var (exitCode, output, error) = Run(["validate", "responses"]);

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Contains("'responses'", error, StringComparison.Ordinal);
        Assert.Contains("TreatyBot validate --help", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/healthz")]
    [InlineData("healthz")]
    public void Health_NotAnHttpUrl_IsAnError(string url)
    {
        var (exitCode, _, error) = Run(["health", url]);

        Assert.Equal(2, exitCode);
        Assert.Contains($"health needs an http or https URL, not '{url}'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], new string[0])]
    [InlineData(new[] { "run" }, new string[0])]
    [InlineData(new[] { "run", "--Bot:Mode=webhook" }, new[] { "--Bot:Mode=webhook" })]
    [InlineData(new[] { "--Bot:Mode=webhook", "--Webhook:Url", "https://example.org/hook" }, new[] { "--Bot:Mode=webhook", "--Webhook:Url", "https://example.org/hook" })]
    [InlineData(new[] { "run", "Bot:Mode=webhook", "-x" }, new[] { "Bot:Mode=webhook", "-x" })]
    public void Run_OrConfigurationOnly_HandsTheSettingsToTheHost(string[] args, string[] settings)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = CommandLine.TryRun(args, TextReader.Null, stdout, stderr, out var hostArgs);

        Assert.Null(exitCode);
        Assert.Equal(settings, hostArgs);
        Assert.Empty(stdout.ToString());
        Assert.Empty(stderr.ToString());
    }

    [Fact]
    public void RunHelp_ShowsHelpInsteadOfStartingTheBot()
    {
        var (exitCode, output, _) = Run(["run", "--help"]);

        Assert.Equal(0, exitCode);
        Assert.Contains("--Bot:Mode=webhook", output, StringComparison.Ordinal);
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

    /// <summary>The fact the bot answers <paramref name="question"/> with, as <c>ask --json</c> reports it.</summary>
    private static string FactAnswering(string question)
    {
        var (exitCode, json, _) = Run(["ask", "--json", question]);
        Assert.Equal(0, exitCode);
        return JsonDocument.Parse(json).RootElement.GetProperty("factId").GetString()!;
    }

    /// <summary>Runs <c>ask --explain</c> on <paramref name="question"/>: it succeeds and its output holds each of <paramref name="expected"/>.</summary>
    private static void AssertExplainShows(string question, params string[] expected)
    {
        var (exitCode, output, _) = Run(["ask", "--explain", question]);

        Assert.Equal(0, exitCode);
        foreach (var text in expected)
        {
            Assert.Contains(text, output, StringComparison.Ordinal);
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
