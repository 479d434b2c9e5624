using System.CommandLine;
using System.CommandLine.Parsing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TreatyBot.Curation;
using TreatyBot.Knowledge;
using TreatyBot.Storage;

namespace TreatyBot.Cli;

/// <summary>
/// <c>review</c>: what the curation log holds, for curators — the questions the bot could not answer well, grouped by
/// the fact they were likely about, with counts and examples, and the facts with the most 👎; with <c>--tsv</c>, the
/// questions as rows of the question bank (expect left empty for the curator). Reads the store the bot writes: the
/// SQLite file of <c>--storage</c>, or the Redis server of <c>--redis</c>, else the one the bot's environment names
/// (<c>Storage__Provider</c>, <c>Storage__Path</c>, <c>Storage__Redis</c>, <c>Storage__RedisPrefix</c>).
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
            Description = "the folder of treatybot.db; default: the store the bot's environment names (Storage__Provider, Storage__Path, Storage__Redis), else ./data",
            HelpName = "FOLDER",
        };
        var redis = new Option<string>("--redis")
        {
            Description = "read the Redis store of this StackExchange.Redis connection string instead (key prefix: Storage__RedisPrefix, else treatybot); Storage__Redis in the environment keeps a password out of the process list",
            HelpName = "CONNECTION",
        };
        var review = new Command("review", "Show the questions the bot could not answer well (logged without ids) and the facts with the most 👎; --tsv for the question bank.")
        {
            days, tsv, examples, storage, redis,
        };
        review.SetAction(parse => Run(
            StoreOf(parse.GetValue(storage), parse.GetValue(redis)),
            parse.GetValue(days),
            parse.GetValue(tsv),
            Math.Max(1, parse.GetValue(examples)),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return review;
    }

    /// <summary>The store to read: the options' if given, else the bot's environment's, as the bot itself would choose it.</summary>
    private static StorageOptions StoreOf(string? storage, string? redis)
    {
        var prefix = Environment.GetEnvironmentVariable("Storage__RedisPrefix") is { Length: > 0 } set ? set : new StorageOptions().RedisPrefix;
        if (!string.IsNullOrWhiteSpace(redis))
        {
            return new StorageOptions { Provider = StorageProvider.Redis, Redis = redis, RedisPrefix = prefix };
        }

        if (string.IsNullOrWhiteSpace(storage)
            && Enum.TryParse<StorageProvider>(Environment.GetEnvironmentVariable("Storage__Provider"), ignoreCase: true, out var provider)
            && provider == StorageProvider.Redis)
        {
            return new StorageOptions { Provider = StorageProvider.Redis, Redis = Environment.GetEnvironmentVariable("Storage__Redis"), RedisPrefix = prefix };
        }

        storage ??= Environment.GetEnvironmentVariable("Storage__Path");
        return new StorageOptions { Path = string.IsNullOrWhiteSpace(storage) ? "data" : storage };
    }

    private static int Run(StorageOptions store, int? days, bool tsv, int examples, TextWriter output, TextWriter error)
    {
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var since = days is { } n ? today.AddDays(1 - n) : DateOnly.MinValue;
        var (report, file) = store.Provider == StorageProvider.Redis ? ReadRedis(store, since, error) : ReadSqlite(store, since, error);
        if (report is null)
        {
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

    private static (CurationReport? Report, string Where) ReadSqlite(StorageOptions store, DateOnly since, TextWriter error)
    {
        var folder = store.ResolveFolder();
        var file = Path.Combine(folder, SqliteDatabase.FileName);
        if (!File.Exists(file))
        {
            error.WriteLine($"review: no store at '{file}' (Storage:Path); the bot makes it when it first starts");
            return (null, file);
        }

        try
        {
            using var database = new SqliteDatabase(folder, Migrations.All, NullLogger<SqliteDatabase>.Instance);
            var questions = new SqliteCurationLog(database).ReadAsync(since, CancellationToken.None).GetAwaiter().GetResult();
            var votes = new SqliteFeedback(database).CountAsync(since, CancellationToken.None).GetAwaiter().GetResult();
            return (CurationReport.Build(questions, votes), file);
        }
        catch (StoreException ex)
        {
            error.WriteLine($"review: {ex.Message}");
        }
        catch (SqliteException ex)
        {
            error.WriteLine($"review: cannot read '{file}' ({ex.Message})");
        }

        return (null, file);
    }

    /// <summary>Reads the Redis store; the connection string is never echoed (it may hold a password), only its servers.</summary>
    private static (CurationReport? Report, string Where) ReadRedis(StorageOptions store, DateOnly since, TextWriter error)
    {
        if (new StorageOptionsValidator().Validate(null, store) is { Failed: true } invalid)
        {
            error.WriteLine($"review: {invalid.FailureMessage}");
            return (null, "");
        }

        var servers = string.Join(", ", ConfigurationOptions.Parse(store.Redis!).EndPoints.Select(e => e.ToString()));
        var where = $"Redis {servers} (prefix {store.RedisPrefix})";
        var connection = new RedisConnection(Options.Create(store), NullLogger<RedisConnection>.Instance);
        try
        {
            var questions = new RedisCurationLog(connection).ReadAsync(since, CancellationToken.None).GetAwaiter().GetResult();
            var votes = new RedisFeedback(connection).CountAsync(since, CancellationToken.None).GetAwaiter().GetResult();
            return (CurationReport.Build(questions, votes), where);
        }
        catch (Exception ex) when (RedisConnection.IsOutage(ex))
        {
            error.WriteLine($"review: cannot read {where} (Storage:Redis): the server does not answer ({ex.GetType().Name})");
            return (null, where);
        }
        catch (RedisException ex)
        {
            error.WriteLine($"review: cannot read {where} (Storage:Redis): {ex.Message.Split('\n')[0]}");
            return (null, where);
        }
        finally
        {
            connection.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
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
