using System.Globalization;
using System.Text.Json.Nodes;
using StackExchange.Redis;
using TreatyBot.Knowledge;

namespace TreatyBot.Storage;

/// <summary>
/// <see cref="ICurationLog"/> on Redis, shared by every replica, with no user or chat id: a list per day,
/// <c>{prefix}:curation:{YYYY-MM-DD}</c>, of questions as JSON
/// (<c>{"lang":"ru","outcome":"no-answer","question":"…","top":[{"fact":"signing-date","score":0.42}]}</c>, the words as
/// in <see cref="SqliteCurationLog"/>), and the sorted set <c>{prefix}:curation-days</c> of the days that have one
/// (score: the day number), so that reading and pruning need not scan keys. Appends and prunes are atomic.
/// </summary>
internal sealed class RedisCurationLog(RedisConnection connection) : ICurationLog
{
    /// <summary>KEYS[1] the days; ARGV the first day number kept. Deletes the lists of the days before it; returns the questions deleted.</summary>
    private const string PruneScript = """
        local deleted = 0
        for _, day in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1])) do
            local list = ARGV[2] .. day
            deleted = deleted + redis.call('LLEN', list)
            redis.call('DEL', list)
        end
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1])
        return deleted
        """;

    private readonly RedisKey days = connection.Key("curation-days");
    private readonly string dayPrefix = connection.Key("curation:").ToString();

    public async Task AppendAsync(IReadOnlyCollection<LoggedQuestion> questions, CancellationToken cancellationToken)
    {
        if (questions.Count == 0)
        {
            return;
        }

        // One MULTI/EXEC: all or none.
        await connection.RunAsync(async db =>
        {
            var transaction = db.CreateTransaction();
            var writes = new List<Task>();
            foreach (var day in questions.GroupBy(q => q.Day))
            {
                writes.Add(transaction.ListRightPushAsync(dayPrefix + SqliteCurationLog.Day(day.Key), [.. day.Select(q => (RedisValue)Encode(q))]));
                writes.Add(transaction.SortedSetAddAsync(days, SqliteCurationLog.Day(day.Key), day.Key.DayNumber));
            }

            if (!await transaction.ExecuteAsync())
            {
                throw new RedisException("the curation log's transaction was not applied");
            }

            await Task.WhenAll(writes);
        });
    }

    public async Task<IReadOnlyList<LoggedQuestion>> ReadAsync(DateOnly since, CancellationToken cancellationToken)
    {
        var questions = new List<LoggedQuestion>();
        var found = await connection.RunAsync(db => db.SortedSetRangeByScoreAsync(days, since.DayNumber));
        foreach (var name in found)
        {
            if (!DateOnly.TryParseExact(name.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                continue;
            }

            var entries = await connection.RunAsync(db => db.ListRangeAsync(dayPrefix + name.ToString()));
            questions.AddRange(entries.Select(e => Decode(day, e.ToString())).OfType<LoggedQuestion>());
        }

        return questions;
    }

    public async Task<int> PruneAsync(DateOnly before, CancellationToken cancellationToken) =>
        (int)await connection.RunAsync(db => db.ScriptEvaluateAsync(PruneScript, [days], [before.DayNumber, dayPrefix]));

    private static string Encode(LoggedQuestion question) => new JsonObject
    {
        ["lang"] = question.Language.Code(),
        ["outcome"] = SqliteCurationLog.Word(question.Outcome),
        ["question"] = question.Question,
        ["top"] = new JsonArray([.. question.Top.Select(t => new JsonObject { ["fact"] = t.FactId, ["score"] = Math.Round(t.Score, 4) })]),
    }.ToJsonString();

    /// <summary>A question as stored, or null for one this build cannot read (a language or outcome added by a newer one).</summary>
    private static LoggedQuestion? Decode(DateOnly day, string value)
    {
        if (JsonNode.Parse(value) is not JsonObject json
            || LanguageExtensions.FromChoice(json["lang"]?.GetValue<string>() ?? "") is not { } language
            || SqliteCurationLog.OutcomeOf(json["outcome"]?.GetValue<string>() ?? "") is not { } outcome
            || json["question"]?.GetValue<string>() is not { } text)
        {
            return null;
        }

        var top = new List<TopFact>();
        foreach (var item in json["top"]?.AsArray() ?? [])
        {
            if (item?["fact"]?.GetValue<string>() is { } fact)
            {
                top.Add(new TopFact(fact, item["score"]?.GetValue<double>() ?? 0));
            }
        }

        return new LoggedQuestion(day, language, outcome, text, top);
    }
}
