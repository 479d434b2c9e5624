using TreatyBot.Hosting;
using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Evaluation;
using TreatyBot.Knowledge.Facts;
using TreatyBot.Knowledge.Matching;
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
          TreatyBot ask --json "question" answer as one JSON object
          TreatyBot ask [--json] < FILE    answer each line of standard input (JSON: one object a line)
          TreatyBot ask --explain "…"     also show how the question was read and the best-matching facts
                                          (with --json: "reading" and "top" fields)
          TreatyBot chat                  talk to the bot in the terminal
          TreatyBot validate              check responses/ and list every problem
          TreatyBot eval FILE.tsv|FOLDER … [--min-in 0.95] [--min-out 0.95] [--max-wrong 0.02] [--summary]
                                          measure answer quality on question sets (a folder: its *.tsv);
                                          --summary prints the rates only (for held-out sets)
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

        // One question a line: as JSON, one object a line; as text, each answer after its question, a blank line between.
        while (input.ReadLine() is { } line)
        {
            if (!json && line.Trim().Length == 0)
            {
                continue;
            }

            output.WriteLine(json ? Format(store, line, json: true, explain) : $"> {line.Trim()}{Environment.NewLine}{Format(store, line, json: false, explain)}{Environment.NewLine}");
        }

        return 0;
    }

    private static string Format(KnowledgeStore store, string question, bool json, bool explain)
    {
        var answer = store.Answerer.Ask(question);
        return json
            ? AnswerJson.Write(answer, store.Facts, explain)
            : (explain ? Explain(answer, store.Facts.Lexicon) : "") + AnswerRenderer.ToPlainText(answer, store.Facts);
    }

    /// <summary>
    /// Why the bot answered as it did: how it read the question (terms after filler, kind of question, entities, dates)
    /// and the best facts with their scores and features, for curators tuning the base.
    /// </summary>
    private static string Explain(Answer answer, Lexicon lexicon)
    {
        if (answer.Match is not { } match)
        {
            return $"[{answer.Kind}]{Environment.NewLine}";
        }

        var reading = match.Reading;
        var lines = new List<string>
        {
            $"[{answer.Kind}{(answer.Page is { } page ? " " + page : "")}]",
            $"  read as:  {string.Join(' ', reading.Terms.Select(t => Matcher.Describe(lexicon, t)))}" + (reading.Filler > 0 ? $"   (filler words left out: {reading.Filler})" : ""),
            $"  asks:     {(match.Aspects.Count > 0 ? string.Join(", ", match.Aspects) : "(no question word: what)")}",
        };
        if (reading.Entities.Count > 0)
        {
            lines.Add($"  entities: {string.Join(", ", reading.Entities)}");
        }

        if (reading.Dates.Count > 0)
        {
            lines.Add($"  dates:    {string.Join(", ", reading.Dates)}");
        }

        if (reading.Detail.Count > 0)
        {
            lines.Add($"  detail:   {string.Join(' ', reading.Detail)} (the words naming the detail asked for)");
        }

        if (reading.UnknownWeight > 0)
        {
            lines.Add($"  unknown:  {reading.UnknownWeight / reading.ContentWeight:P0} of the question's weight is in words no fact uses");
        }

        lines.AddRange(match.Top.Select(s =>
            $"  {s.Fact.Id,-36} score {s.Score:F3}  rank {s.Rank:F3}  focus {s.Focus:F3}  known {s.Known:F2}  kind fit {s.Fit:F2}"
            + (s.LacksDetail ? $"  lacks {string.Join(' ', s.LacksCount ? [.. s.Lacks, "(a number)"] : s.Lacks)}" : "")));
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }

    private static int Chat(TextReader input, TextWriter output)
    {
        var store = LoadStore();
        var texts = store.Facts.Texts;
        var language = Language.Ru;
        Language? chosen = null;
        output.WriteLine("TreatyBot — /start, /help, /timeline, /sources, /lang ru|en, /quit. Задайте вопрос / ask a question.");
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

            language = chosen ?? (LanguageDetector.Detect(text) is { } detected && !text.StartsWith('/') ? detected : language);
            var words = text.Split(' ', 2, StringSplitOptions.TrimEntries);
            var picked = words is ["/lang", var code] && code.ToLowerInvariant() is "ru" or "en" ? LanguageExtensions.FromCode(code) : null;
            if (picked is { } set)
            {
                // As /lang in a Telegram chat: the chat's language from now on, whatever the questions' script.
                chosen = language = set;
            }

            output.WriteLine(words[0] switch
            {
                "/start" => texts.Get("greeting", language) + Environment.NewLine +
                            string.Join(Environment.NewLine, texts.List("examples", language).Select(e => "  • " + e)),
                "/help" => texts.Get("help", language).Replace("{bot}", "@TreatyBot", StringComparison.Ordinal),
                "/timeline" => PageRenderer.TimelineText(store.Facts, language),
                "/sources" => PageRenderer.SourcesText(store.Facts, language),
                "/lang" => texts.Get(picked is null ? "lang-usage" : "lang-set", language),
                "/ask" when words.Length > 1 => AnswerRenderer.ToPlainText(store.Answerer.Ask(words[1], language, chosen), store.Facts),
                _ when text.StartsWith('/') => texts.Get("unknown-command", language),
                _ => AnswerRenderer.ToPlainText(store.Answerer.Ask(text, language, chosen), store.Facts),
            });
            output.WriteLine();
        }
    }

    private const string EvalUsage = "Usage: TreatyBot eval FILE.tsv|FOLDER … [--min-in 0.95] [--min-out 0.95] [--max-wrong 0.02] [--summary]";

    private static int Eval(string[] args, TextWriter output, TextWriter error)
    {
        if (EvalArguments.Parse(args) is not { } parsed)
        {
            error.WriteLine(EvalUsage);
            return 2;
        }

        if (parsed.Error is { } problem)
        {
            error.WriteLine($"eval: {problem}");
            error.WriteLine(EvalUsage);
            return 2;
        }

        var store = LoadStore();
        var texts = store.Facts.Texts;
        var evaluator = new Evaluator(store.Answerer, AnswerRenderer.PlainReply, NotInSourcesMarkers(texts));
        var report = evaluator.Run(parsed.Files.SelectMany(EvalCase.ReadTsv));
        output.WriteLine($"eval: {string.Join(", ", parsed.Files)}");
        output.Write(report.Describe(failures: !parsed.SummaryOnly));
        var ok = report.InRate >= parsed.MinIn && report.OutRate >= parsed.MinOut && report.WrongRate <= parsed.MaxWrong;
        output.WriteLine(ok
            ? "eval: thresholds met"
            : $"eval: below thresholds (in ≥ {parsed.MinIn:P1}, out ≥ {parsed.MinOut:P1}, wrong ≤ {parsed.MaxWrong:P1})");
        return ok ? 0 : 1;
    }

    /// <summary>The bot's own ways of saying "my sources do not say", from texts.yaml, in both languages.</summary>
    private static string[] NotInSourcesMarkers(UiTexts texts) =>
        [.. ((string[])["not-in-sources", "partial"]).SelectMany(key => (Language[])[Language.Ru, Language.En], (key, language) => texts.Get(key, language))];

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
