using TreatyBot.Hosting;
using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Evaluation;
using TreatyBot.Knowledge.Facts;
using TreatyBot.Rendering;

namespace TreatyBot.Cli;

/// <summary>
/// The commands that need no token and no network: <c>ask</c>, <c>chat</c>, <c>validate</c>. They run the same
/// answering pipeline as the bot, which is how a newcomer tries it and how answer quality is measured.
/// </summary>
internal static class CommandLine
{
    public const string Usage = """
        TreatyBot — answers questions about the 1925 Soviet–Japanese Convention (Treaty of Peking).

        Usage:
          TreatyBot ask "question"        answer one question (readable text)
          TreatyBot ask --json "question" answer as one JSON object; without a question, one per line of stdin
          TreatyBot ask --explain "…"     also show the best-matching facts and their scores
          TreatyBot chat                  talk to the bot in the terminal
          TreatyBot validate              check responses/ and list every problem
          TreatyBot eval FILE.tsv [--min-in 0.95] [--min-out 0.95] [--max-wrong 0.02]
                                          measure answer quality on a question set
          TreatyBot [run]                 run the Telegram bot (needs Bot:Token; Bot:Mode polling or webhook)
          TreatyBot health [URL]          exit 0 if URL (default http://127.0.0.1:8080/healthz) answers 2xx
          TreatyBot --version             print the version

        Settings: Knowledge:Path (env Knowledge__Path) points to the fact base; default ./responses.
        """;

    /// <summary>Runs a command; null when <paramref name="args"/> asks for the bot itself.</summary>
    public static int? TryRun(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        var command = args.Length > 0 ? args[0] : "run";
        var rest = args.Skip(1).ToArray();
        return command switch
        {
            "ask" => Guard(() => Ask(rest, input, output), error),
            "chat" => Guard(() => Chat(input, output), error),
            "validate" => Validate(output, error),
            "eval" => Guard(() => Eval(rest, output, error), error),
            "health" => HealthProbe.Run(rest, output, error),
            "--version" or "version" => Print(output, typeof(CommandLine).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"),
            "--help" or "-h" or "help" => Print(output, Usage),
            _ when command == "run" || command.StartsWith('-') => null,
            _ => Print(error, $"Unknown command '{command}'.{Environment.NewLine}{Environment.NewLine}{Usage}", exitCode: 2),
        };
    }

    private static int Ask(string[] args, TextReader input, TextWriter output)
    {
        var json = args.Contains("--json");
        var explain = args.Contains("--explain");
        var question = string.Join(' ', args.Where(a => a is not "--json" and not "--explain")).Trim();
        var store = LoadStore();
        if (question.Length > 0)
        {
            output.WriteLine(Format(store, question, json, explain));
            return 0;
        }

        if (!json)
        {
            output.WriteLine("Usage: TreatyBot ask \"question\"   (or ask --json, reading questions from standard input)");
            return 2;
        }

        while (input.ReadLine() is { } line)
        {
            output.WriteLine(Format(store, line, json: true, explain));
        }

        return 0;
    }

    private static string Format(KnowledgeStore store, string question, bool json, bool explain)
    {
        var answer = store.Answerer.Ask(question);
        var text = json ? AnswerJson.Write(answer, store.Facts.Texts) : AnswerRenderer.ToPlainText(answer, store.Facts.Texts);
        return explain ? Explain(answer) + text : text;
    }

    /// <summary>Why the bot answered as it did: the best facts with their scores, for curators tuning the base.</summary>
    private static string Explain(Answer answer)
    {
        var lines = answer.Match?.Top.Select(s => $"  {s.Fact.Id,-36} score {s.Score:F3}  rank {s.Rank:F3}  focus {s.Focus:F3}") ?? [];
        var aspects = answer.Match is { Aspects.Count: > 0 } match ? " asks: " + string.Join(", ", match.Aspects) : "";
        return $"[{answer.Kind}{aspects}]{Environment.NewLine}{string.Join(Environment.NewLine, lines)}{Environment.NewLine}";
    }

    private static int Chat(TextReader input, TextWriter output)
    {
        var store = LoadStore();
        var texts = store.Facts.Texts;
        var language = Language.Ru;
        output.WriteLine("TreatyBot — /start, /help, /quit. Задайте вопрос / ask a question.");
        while (true)
        {
            output.Write("> ");
            if (input.ReadLine() is not { } line || line.Trim() is "/quit" or "/exit")
            {
                return 0;
            }

            var text = line.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            language = LanguageDetector.Detect(text) is { } detected && !text.StartsWith('/') ? detected : language;
            output.WriteLine(text switch
            {
                "/start" => texts.Get("greeting", language) + Environment.NewLine +
                            string.Join(Environment.NewLine, texts.List("examples", language).Select(e => "  • " + e)),
                "/help" => texts.Get("help", language).Replace("{bot}", "@TreatyBot", StringComparison.Ordinal),
                _ when text.StartsWith('/') => texts.Get("unknown-command", language),
                _ => AnswerRenderer.ToPlainText(store.Answerer.Ask(text, language), texts),
            });
            output.WriteLine();
        }
    }

    private static int Eval(string[] args, TextWriter output, TextWriter error)
    {
        var file = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (file is null || !File.Exists(file))
        {
            error.WriteLine("Usage: TreatyBot eval FILE.tsv [--min-in 0.95] [--min-out 0.95] [--max-wrong 0.02]");
            return 2;
        }

        var store = LoadStore();
        var evaluator = new Evaluator(store.Answerer, answer => answer.Fact is { } fact ? AnswerRenderer.PlainAnswer(fact, answer.Language) : answer.Reply ?? "");
        var report = evaluator.Run(EvalCase.ReadTsv(file));
        output.Write(report.Describe());
        var minIn = Threshold(args, "--min-in", 0);
        var minOut = Threshold(args, "--min-out", 0);
        var maxWrong = Threshold(args, "--max-wrong", 1);
        var ok = report.InRate >= minIn && report.OutRate >= minOut && report.WrongRate <= maxWrong;
        output.WriteLine(ok
            ? "eval: thresholds met"
            : $"eval: below thresholds (in ≥ {minIn:P0}, out ≥ {minOut:P0}, wrong ≤ {maxWrong:P0})");
        return ok ? 0 : 1;
    }

    private static double Threshold(string[] args, string name, double fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length
            && double.TryParse(args[index + 1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : fallback;
    }

    private static int Validate(TextWriter output, TextWriter error)
    {
        var folder = new KnowledgeOptions { Path = Environment.GetEnvironmentVariable("Knowledge__Path") }.ResolvePath();
        try
        {
            var facts = FactBaseLoader.Load(folder);
            var problems = FactBaseChecks.RenderedReplies(facts).ToList();
            foreach (var problem in problems)
            {
                error.WriteLine(problem);
            }

            if (problems.Count > 0)
            {
                return 1;
            }

            output.WriteLine($"{folder}: {facts.Facts.Count} facts, {facts.Sources.Count} sources — OK");
            return 0;
        }
        catch (FactBaseException ex)
        {
            error.WriteLine($"{folder}: {ex.Problems.Count} problem(s)");
            foreach (var problem in ex.Problems)
            {
                error.WriteLine(problem);
            }

            return 1;
        }
    }

    private static KnowledgeStore LoadStore() =>
        new(new KnowledgeOptions { Path = Environment.GetEnvironmentVariable("Knowledge__Path") }.ResolvePath());

    private static int Guard(Func<int> command, TextWriter error)
    {
        try
        {
            return command();
        }
        catch (FactBaseException ex)
        {
            error.WriteLine(ex.Message);
            error.WriteLine("Run `validate` for the full list.");
            return 1;
        }
    }

    private static int Print(TextWriter writer, string text, int exitCode = 0)
    {
        writer.WriteLine(text);
        return exitCode;
    }
}
