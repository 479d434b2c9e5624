using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Runtime;
using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Evaluation;
using TreatyBot.Knowledge.Facts;
using TreatyBot.Knowledge.Matching;
using TreatyBot.Rendering;

namespace TreatyBot.Cli;

/// <summary>
/// <c>eval</c>: answer quality on question sets, and with thresholds a gate. Question files or folders of them (each
/// must exist), thresholds each a number from 0 to 1, before or after the files: a mistyped number («--min-in O.95»)
/// or a missing file is an error, never a silently open gate.
/// </summary>
internal static class EvalCommand
{
    public static Command Declare()
    {
        var files = new Argument<string[]>("FILE.tsv|FOLDER")
        {
            Description = "question sets: .tsv files, or folders whose *.tsv files are read in name order",
            Arity = ArgumentArity.OneOrMore,
            CustomParser = QuestionFiles,
        };
        var minIn = Threshold("--min-in", 0, "fail (exit 1) when fewer in-scope questions than this share are answered right");
        var minOut = Threshold("--min-out", 0, "fail when fewer out-of-scope questions than this share are declined");
        var maxWrong = Threshold("--max-wrong", 1, "fail when more answers than this share are wrong");
        var summary = new Option<bool>("--summary")
        {
            // Held-out sets: their failures nobody should read and tune on.
            Description = "print the rates only, not the failing questions (for held-out sets)",
        };
        var cross = new Option<bool>("--cross")
        {
            // The tuning part is what the classifier learns from: asked as it is, the classifier has seen every answer.
            Description = "ask each batch of a file (the questions under one comment) a bot that did not learn examples.tsv's copy of it",
        };
        var unjudged = new Option<string?>("--unjudged")
        {
            // The expect is written from the label's words: what another fact answered is for a reader to judge.
            Description = "write to this file the answers for readers to judge (tests/questions/writing): in-scope questions answered with a fact other than their label, questions on details no source gives answered with a fact; each with no verdict on that fact yet",
            HelpName = "FILE.tsv",
        };
        var features = new Option<string?>("--features")
        {
            // What tests/questions/train-gate.py learns the gate from; with --cross, as a bot that never learned the batch read it.
            Description = "write to this file, per question, the facts the learned gate weighs, whether each would pass, and the gate's features; the questions are asked without the gate, whose rules' answers it learns to look at",
            HelpName = "FILE.tsv",
        };
        var eval = new Command("eval", "Measure answer quality on question sets: rates per kind and every failure. With thresholds it is a gate.")
        {
            files, minIn, minOut, maxWrong, summary, cross, unjudged, features,
        };
        eval.SetAction(parse => Run(
            parse.GetValue(files) ?? [],
            new Gate(parse.GetValue(minIn), parse.GetValue(minOut), parse.GetValue(maxWrong)),
            new Report(parse.GetValue(summary), parse.GetValue(cross), parse.GetValue(unjudged), parse.GetValue(features)),
            parse.InvocationConfiguration.Output));
        return eval;
    }

    private sealed record Gate(double MinIn, double MinOut, double MaxWrong);

    private sealed record Report(bool SummaryOnly, bool Cross, string? Unjudged, string? Features);

    private static int Run(string[] files, Gate gate, Report how, TextWriter output)
    {
        using var features = how.Features is { } featuresPath ? new StreamWriter(featuresPath) : null;
        features?.WriteLine(Evaluator.FeatureHeader);
        var report = Evaluate(files, how.Cross, features);
        output.WriteLine($"eval: {string.Join(", ", files)}{(how.Cross ? " (each batch unlearned)" : "")}");
        output.Write(report.Describe(failures: !how.SummaryOnly));
        if (how.Unjudged is { } path)
        {
            File.WriteAllLines(path, Unjudged(report));
        }

        var ok = report.InRate >= gate.MinIn && report.OutRate >= gate.MinOut && report.WrongRate <= gate.MaxWrong;
        output.WriteLine(ok
            ? "eval: thresholds met"
            : $"eval: below thresholds (in ≥ {gate.MinIn:P1}, out ≥ {gate.MinOut:P1}, wrong ≤ {gate.MaxWrong:P1})");
        return ok ? 0 : 1;
    }

    /// <summary>
    /// The files' questions asked of the bot; with <paramref name="cross"/>, each batch of each file asked of a bot whose
    /// classifier never learned its questions. The matcher's index is built once and only the classifier is learned
    /// again for each batch: under the bot's heap cap there is room for little more.
    /// </summary>
    private static EvalReport Evaluate(string[] files, bool cross, TextWriter? features)
    {
        if (!cross)
        {
            var store = CommandLine.LoadStore();
            return Asking(features is null ? store.Answerer : new Answerer(store.Answerer.Matcher, gated: false), features).Run(files.SelectMany(EvalCase.ReadTsv));
        }

        // One classifier at a time: the index is built on a base that learns no examples (the bot's own classifier,
        // which learns them all, would answer none of these questions), and each batch's classifier is learned in
        // AskUnlearned's frame, garbage once it returns (a debug build would keep a local of this frame alive).
        var folder = CommandLine.KnowledgePath();
        var basis = IndexOnly(folder);
        var outcomes = new List<EvalOutcome>();
        foreach (var batch in files.SelectMany(file => EvalCase.ReadTsv(file).GroupBy(c => c.Batch)))
        {
            // The last batch's arrays lie in the large-object heap, which is not compacted unless asked: under the bot's
            // heap cap the next one's would find no room between the holes.
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect();
            outcomes.AddRange(AskUnlearned(basis, folder, batch, features));
        }

        return new EvalReport(outcomes);
    }

    private static Evaluator Asking(Answerer answerer, TextWriter? features) => new(answerer, AnswerRenderer.PlainReply, NotInSourcesMarkers(answerer.Facts.Texts), features);

    /// <summary>The matcher of the base in <paramref name="folder"/>, its classifier knowing the facts' own texts only.</summary>
    private static Matcher IndexOnly(string folder) => new(FactBaseLoader.WithoutExamples(FactBaseLoader.Load(folder)));

    /// <summary>A batch's questions asked of a bot whose classifier learned examples.tsv without them.</summary>
    private static IReadOnlyList<EvalOutcome> AskUnlearned(Matcher basis, string folder, IEnumerable<EvalCase> batch, TextWriter? features)
    {
        var cases = batch.ToList();
        var unlearned = FactBaseLoader.Unlearning(basis.Facts, folder, cases.Select(c => c.Question).ToHashSet(StringComparer.Ordinal));
        return Asking(new Answerer(basis.Relearning(unlearned), gated: features is null), features).Run(cases).Outcomes;
    }

    /// <summary>
    /// Answers with no verdict on their fact that a reader should judge: in-scope questions answered with a fact other
    /// than the one they were written for (pass or fail), and questions on a detail no source gives answered with a fact
    /// as if it gave it (it may). File, line, language, question, label, the fact answered, and whether the expect
    /// passed it (TAB-separated).
    /// </summary>
    private static IEnumerable<string> Unjudged(EvalReport report) =>
        report.Outcomes
            .Where(o => o.Answer is { Kind: AnswerKind.Fact, Fact: { } fact } && !o.Case.Judged.ContainsKey(fact.Id) && o.Case switch
            {
                { Kind: EvalKind.In, Fact: { } label } => fact.Id != label,
                { Kind: EvalKind.Unknown } => !o.Passed,
                _ => false,
            })
            .Select(o => string.Join('\t', o.Case.Source, o.Case.Line, o.Case.Language.Code(), o.Case.Question, o.Case.Fact, o.Answer.Fact!.Id, o.Passed ? "pass" : "fail"));

    /// <summary>The bot's own ways of saying "my sources do not say", from texts.yaml, in both languages.</summary>
    private static string[] NotInSourcesMarkers(UiTexts texts) =>
        [.. LanguageExtensions.All.SelectMany(language => texts.List("sources-silent", language)
            .Append(texts.Get("not-in-sources", language)).Append(texts.Get("partial", language)))];

    private static Option<double> Threshold(string name, double open, string description) => new(name)
    {
        Description = description,
        HelpName = "0..1",
        DefaultValueFactory = _ => open,
        CustomParser = result =>
        {
            var text = result.Tokens is [var token] ? token.Value : "";
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1)
            {
                return value;
            }

            result.AddError($"{name} needs a number from 0 to 1, not '{text}'");
            return open;
        },
    };

    /// <summary>The files named, a folder's *.tsv in name order; an error for a name that is neither.</summary>
    private static string[] QuestionFiles(ArgumentResult result)
    {
        var files = new List<string>();
        foreach (var name in result.Tokens.Select(t => t.Value))
        {
            if (Directory.Exists(name))
            {
                var found = Directory.GetFiles(name, "*.tsv").Order(StringComparer.Ordinal).ToList();
                if (found.Count == 0)
                {
                    result.AddError($"no *.tsv question files in {name}");
                }

                files.AddRange(found);
            }
            else if (File.Exists(name))
            {
                files.Add(name);
            }
            else
            {
                // The parser hands a mistyped option (--min-inn) to the files: name it as what it was meant to be.
                result.AddError(name.StartsWith('-') ? $"unknown option {name}" : $"file not found: {name}");
            }
        }

        return [.. files];
    }
}
