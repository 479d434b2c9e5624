using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using TreatyBot.Knowledge;

namespace TreatyBot.Storage;

/// <summary>
/// <see cref="ICurationLog"/> in the table <c>curation_log</c>: one row per question, with no user or chat id. The day
/// is text (<c>2026-12-01</c>), the outcome a word (<c>no-answer</c>, <c>did-you-mean</c>, <c>partial</c>,
/// <c>low-margin</c>), the best facts a JSON array (<c>[{"fact":"signing-date","score":0.42}]</c>).
/// </summary>
internal sealed class SqliteCurationLog(SqliteDatabase database) : ICurationLog
{
    /// <summary>Part of schema step <see cref="CurationSchema.Migration"/>.</summary>
    public const string Tables = """
        CREATE TABLE curation_log (
            id        INTEGER PRIMARY KEY,
            day       TEXT NOT NULL,
            language  TEXT NOT NULL,
            outcome   TEXT NOT NULL,
            question  TEXT NOT NULL,
            top_facts TEXT NOT NULL
        );
        CREATE INDEX curation_log_day ON curation_log (day);
        """;

    public async Task AppendAsync(IReadOnlyCollection<LoggedQuestion> questions, CancellationToken cancellationToken)
    {
        using var turn = await database.TakeWriteTurnAsync(cancellationToken);
        await using var connection = await database.ConnectAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO curation_log (day, language, outcome, question, top_facts)
            VALUES ($day, $language, $outcome, $question, $top)
            """;
        var day = command.Parameters.Add("$day", SqliteType.Text);
        var language = command.Parameters.Add("$language", SqliteType.Text);
        var outcome = command.Parameters.Add("$outcome", SqliteType.Text);
        var question = command.Parameters.Add("$question", SqliteType.Text);
        var top = command.Parameters.Add("$top", SqliteType.Text);
        foreach (var logged in questions)
        {
            day.Value = Day(logged.Day);
            language.Value = logged.Language.Code();
            outcome.Value = Word(logged.Outcome);
            question.Value = logged.Question;
            top.Value = new JsonArray([.. logged.Top.Select(t => new JsonObject { ["fact"] = t.FactId, ["score"] = Math.Round(t.Score, 4) })]).ToJsonString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // One commit, one sync, for the whole batch.
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<LoggedQuestion>> ReadAsync(DateOnly since, CancellationToken cancellationToken)
    {
        await using var connection = await database.ConnectAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT day, language, outcome, question, top_facts FROM curation_log WHERE day >= $since ORDER BY id";
        command.Parameters.AddWithValue("$since", Day(since));
        var questions = new List<LoggedQuestion>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // A row this build cannot read (a language or outcome added by a newer one) is left out, not a failure.
            if (DateOnly.TryParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                && LanguageExtensions.FromChoice(reader.GetString(1)) is { } language
                && OutcomeOf(reader.GetString(2)) is { } outcome)
            {
                questions.Add(new LoggedQuestion(day, language, outcome, reader.GetString(3), TopFacts(reader.GetString(4))));
            }
        }

        return questions;
    }

    public async Task<int> PruneAsync(DateOnly before, CancellationToken cancellationToken)
    {
        using var turn = await database.TakeWriteTurnAsync(cancellationToken);
        await using var connection = await database.ConnectAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM curation_log WHERE day < $before";
        command.Parameters.AddWithValue("$before", Day(before));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A day as stored: ISO text, which sorts as the days do.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An outcome as stored and as <c>review</c> shows it.</summary>
    public static string Word(CurationOutcome outcome) => outcome switch
    {
        CurationOutcome.NoAnswer => "no-answer",
        CurationOutcome.DidYouMean => "did-you-mean",
        CurationOutcome.Partial => "partial",
        CurationOutcome.LowMargin => "low-margin",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <summary>The outcome a stored word names, or null for one this build does not know.</summary>
    public static CurationOutcome? OutcomeOf(string word) =>
        Enum.GetValues<CurationOutcome>().Select(o => (CurationOutcome?)o).FirstOrDefault(o => Word(o!.Value) == word);

    private static List<TopFact> TopFacts(string json)
    {
        var top = new List<TopFact>();
        foreach (var item in JsonNode.Parse(json)?.AsArray() ?? [])
        {
            if (item?["fact"]?.GetValue<string>() is { } fact)
            {
                top.Add(new TopFact(fact, item["score"]?.GetValue<double>() ?? 0));
            }
        }

        return top;
    }
}
