using System.CommandLine;
using System.Globalization;
using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Facts;
using TreatyBot.Knowledge.Matching;
using TreatyBot.KnowledgeBase;
using TreatyBot.Rendering;

namespace TreatyBot.Cli;

/// <summary>
/// <c>ask</c>: one question, or each line of standard input, answered by the same pipeline as the bot — how a newcomer
/// tries it and how answer quality is measured.
/// </summary>
internal static class AskCommand
{
    public static Command Declare(TextReader input)
    {
        var question = new Argument<string[]>("question")
        {
            Description = "the question (its words may be given unquoted); without it, one question a line is read from standard input",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var json = new Option<bool>("--json")
        {
            Description = "print each answer as one JSON object (one a line for standard input)",
        };
        var explain = new Option<bool>("--explain")
        {
            Description = "also show how the question was read and the best-matching facts (with --json: the \"reading\" and \"top\" fields)",
        };
        var ask = new Command("ask", "Answer a question as the bot would, as readable text or JSON. Needs no token and no network.")
        {
            question, json, explain,
        };
        ask.SetAction(parse => Run(
            string.Join(' ', parse.GetValue(question) ?? []).Trim(),
            parse.GetValue(json),
            parse.GetValue(explain),
            input,
            parse.InvocationConfiguration.Output));
        return ask;
    }

    private static int Run(string question, bool json, bool explain, TextReader input, TextWriter output)
    {
        var store = CommandLine.LoadStore();
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
            : (explain ? Explain(answer, store.Facts.Lexicon, store.Facts.Gate) : "") + AnswerRenderer.ToPlainText(answer, store.Facts);
    }

    /// <summary>
    /// Why the bot answered as it did: how it read the question (terms after filler, kind of question, entities, dates)
    /// and the best facts with their scores and features, for curators tuning the base.
    /// </summary>
    private static string Explain(Answer answer, Lexicon lexicon, AnswerGate? gate)
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

        if (reading.ProposalOffTheEvent)
        {
            lines.Add("  premise:  the fact that holds a yes/no question's day or place does not tell what the question says happened then: it does not confirm it");
        }

        if (reading.ProposalSetAside)
        {
            lines.Add("  premise:  a yes/no question's date or place, held only by facts off its subject or not by the fact on the event: ranked without it"
                + (reading.ProposalRefuted ? "; the fact found holds none of it, so the answer opens with \"no\"" : ""));
        }

        if (reading.ProposalConfirmed)
        {
            lines.Add("  premise:  a yes/no question's day, month or named place, all held by the fact found: the answer opens with \"yes\""
                + (reading.UnknownWeight > 0 ? " unless words no fact uses are left" : ""));
        }

        if (reading.UnknownWeight > 0)
        {
            lines.Add($"  unknown:  {reading.UnknownWeight / reading.ContentWeight:P0} of the question's weight is in words no fact uses ({string.Join(", ", reading.Unknown)})");
        }

        if (match.Learned is { } learned)
        {
            lines.Add($"  learned:  {learned.Fact.Id} (leads the next fact by {learned.Margin:F1}, other subjects and missing details by {learned.Lead:F1}; the classifier of examples.tsv)");
            lines.Add($"  nearest:  {learned.Nearest:F2} to a text of {learned.Fact.Id}, {learned.Elsewhere:F2} to one of another class ({learned.NearestElsewhere.OtherSubject:F2} another subject, {learned.NearestElsewhere.MissingDetail:F2} a missing detail; cosine, 1 is word for word)");
            if (learned.Pieces.Chance >= 0)
            {
                lines.Add($"  pieces:   {Chance(learned.Pieces.Chance)} for {learned.Fact.Id} ({learned.Pieces.Place} classes above it), {Chance(learned.PiecesOverall.Top)} the likeliest class, {Chance(learned.PiecesOverall.Elsewhere)} another subject or a missing detail (naive Bayes over four-letter pieces of the words)");
            }
        }

        if (answer.Chances.Count > 0)
        {
            lines.Add($"  gate:     {string.Join(", ", answer.Chances.Select(c => $"{c.Fact.Id} {c.Chance:F2}"))} (chance each answers, learned; answers from {gate?.Threshold ?? 0:F2})");
            if (gate is not null)
            {
                var records = answer.Chances.Select(c => (c.Fact, Values: gate.RecordsOf(match, c.Fact)));
                lines.Add($"  records:  {string.Join(", ", records.Select(r => $"{r.Fact.Id} {r.Values[0]:F2} ({r.Values[1]:F2} as the matcher's best), {r.Values[2]:F2} beside the other fact"))} (share of the tuning part's answers with it that were right)");
            }
        }

        lines.AddRange(match.Top.Select(s =>
            $"  {s.Fact.Id,-36} score {s.Score:F3}  rank {s.Rank:F3}  focus {s.Focus:F3}  known {s.Known:F2}  kind fit {s.Fit:F2}"
            + (s.LacksDetail ? $"  lacks {string.Join(' ', s.LacksCount ? [.. s.Lacks.Select(t => Matcher.Describe(lexicon, t)), "(a number)"] : s.Lacks.Select(t => Matcher.Describe(lexicon, t)))}" : "")
            + (s.OtherKind ? "  answers another kind of question" : "")));
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }

    /// <summary>
    /// A chance as <c>--explain</c> shows it: two decimals, but a chance above 0 and under 0.005 in two significant digits
    /// (6.1e-07), because the gate's trees split on chances that small and 0.00 would hide which side the question fell.
    /// </summary>
    internal static string Chance(double chance) =>
        chance is > 0 and < 0.005 ? chance.ToString("0.#e+00", CultureInfo.InvariantCulture) : chance.ToString("F2", CultureInfo.InvariantCulture);
}
