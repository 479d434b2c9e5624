using System.CommandLine;
using System.CommandLine.Parsing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using TreatyBot.Curation;
using TreatyBot.Knowledge;
using TreatyBot.Storage;

namespace TreatyBot.Cli;

/// <summary>
/// <c>review</c>: what the curation log holds, for curators — the questions the bot could not answer well, grouped by
/// the fact they were likely about, with counts and examples, and the facts with the most 👎; with <c>--tsv</c>, the
/// questions as rows of the question bank (expect left empty for the curator). Reads the store the bot writes.
/// </summary>
internal static class ReviewCommand
{
    public static Command Declare()
    {
        var days = new Option<int?>("--days")
        {
            Description = "only the last N days (today, UTC, counts as one); default: everything kept (Curation:RetentionDays)",
            HelpName = "N",
            Validators = { result => { if (result.GetValueOrDefault<int?>() is < 1) { result.AddError("--days needs a whole number of days, 1 or more"); } } },
        };
        var tsv = new Option<bool>("--tsv")
        {
            Description = "print the questions as question-bank rows (kind, lang, question, expect, fact) to add to tests/questions/; expect is left empty for a curator to fill",
        };
        var examples = new Option<int>("--examples")
        {
            Description = "questions shown per fact (text output)",
            HelpName = "N",
            DefaultValueFactory = _ => 5,
        };
        var storage = new Option<string>("--storage")
        {
            Description = "the folder of treatybot.db; default: Storage:Path as the bot reads it (environment variable Storage__Path), else ./data",
            HelpName = "FOLDER",
        };
        var review = new Command("review", "Show the questions the bot could not answer well (logged without ids) and the facts with the most 👎; --tsv for the question bank.")
        {
            days, tsv, examples, storage,
        };
        review.SetAction(parse => Run(
            parse.GetValue(storage) ?? Environment.GetEnvironmentVariable("Storage__Path"),
            parse.GetValue(days),
            parse.GetValue(tsv),
            Math.Max(1, parse.GetValue(examples)),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return review;
    }

    private static int Run(string? storage, int? days, bool tsv, int examples, TextWriter output, TextWriter error)
    {
        var folder = new StorageOptions { Path = string.IsNullOrWhiteSpace(storage) ? "data" : storage }.ResolveFolder();
        var file = Path.Combine(folder, SqliteDatabase.FileName);
        if (!File.Exists(file))
        {
            error.WriteLine($"review: no store at '{file}' (Storage:Path); the bot makes it when it first starts");
            return 1;
        }

        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var since = days is { } n ? today.AddDays(1 - n) : DateOnly.MinValue;
        CurationReport report;
        try
        {
            using var database = new SqliteDatabase(folder, Migrations.All, NullLogger<SqliteDatabase>.Instance);
            var questions = new SqliteCurationLog(database).ReadAsync(since, CancellationToken.None).GetAwaiter().GetResult();
            var votes = new SqliteFeedback(database).CountAsync(since, CancellationToken.None).GetAwaiter().GetResult();
            report = CurationReport.Build(questions, votes);
        }
        catch (StoreException ex)
        {
            error.WriteLine($"review: {ex.Message}");
            return 1;
        }
        catch (SqliteException ex)
        {
            error.WriteLine($"review: cannot read '{file}' ({ex.Message})");
            return 1;
        }

        var span = days is { } d ? $"the last {d} day(s), {SqliteCurationLog.Day(since)} to {SqliteCurationLog.Day(today)} (UTC)" : "all days kept";
        if (tsv)
        {
            WriteTsv(report, file, span, output);
        }
        else
        {
            WriteText(report, file, span, examples, output);
        }

        return 0;
    }

    private static void WriteText(CurationReport report, string file, string span, int examples, TextWriter output)
    {
        output.WriteLine($"review: {report.Total} question(s) the bot could not answer well, {span}, in {file}");
        foreach (var group in report.Groups)
        {
            output.WriteLine();
            var outcomes = string.Join(", ", group.Outcomes.Select(o => $"{o.Count} {SqliteCurationLog.Word(o.Outcome)}"));
            output.WriteLine($"{group.FactId ?? "no fact fits"} — {group.Count} ({outcomes})");
            foreach (var question in group.Questions.Take(examples))
            {
                output.WriteLine($"  {question.Count,3}× [{question.Language.Code()}] {OneLine(question.Text)}  ({SqliteCurationLog.Word(question.Outcome)})");
            }

            if (group.Questions.Count > examples)
            {
                output.WriteLine($"  … and {group.Questions.Count - examples} other question(s)");
            }
        }

        output.WriteLine();
        if (report.MostDisliked.Count == 0)
        {
            output.WriteLine("Facts with the most 👎: none has any.");
            return;
        }

        output.WriteLine("Facts with the most 👎 (👎 / 👍):");
        foreach (var votes in report.MostDisliked.Take(10))
        {
            output.WriteLine($"  {votes.FactId}  {votes.Down} / {votes.Up}");
        }
    }

    /// <summary>
    /// One row per distinct question, in the order of the text output. kind is a guess (in with the likely fact; unknown
    /// where no fact fits) and expect is empty: a curator checks both before the rows join the bank.
    /// </summary>
    private static void WriteTsv(CurationReport report, string file, string span, TextWriter output)
    {
        output.WriteLine($"# review --tsv: {report.Groups.Sum(g => g.Questions.Count)} distinct question(s) the bot could not answer well, {span}, from {file}.");
        output.WriteLine("# Columns: kind, lang, question, expect, fact (docs/answer-quality.md). expect is EMPTY: fill it before adding these rows");
        output.WriteLine("# to tests/questions/ (an 'in' row without expect passes with any fact). kind is a guess: 'in' where a fact was likely");
        output.WriteLine("# (the fifth column), 'unknown' where no fact fits; make it 'out' for questions off the subject.");
        foreach (var group in report.Groups)
        {
            foreach (var question in group.Questions)
            {
                output.WriteLine(string.Join('\t', group.FactId is null ? "unknown" : "in", question.Language.Code(), OneLine(question.Text), "", group.FactId ?? ""));
            }
        }
    }

    /// <summary>A question on one line: tabs and line breaks would break the row.</summary>
    private static string OneLine(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
