using TreatyBot.Knowledge;
using TreatyBot.Storage;

namespace TreatyBot.Curation;

/// <summary>
/// What <c>review</c> shows: the logged questions grouped by the fact they were most likely about (or none), the
/// biggest group first; in each, the distinct questions (compared without case and extra spaces), the most asked first;
/// and the facts with the most 👎.
/// </summary>
internal sealed record CurationReport(int Total, IReadOnlyList<QuestionGroup> Groups, IReadOnlyList<FactVotes> MostDisliked)
{
    /// <summary>
    /// Below this score the best fact is not a likely topic: "no fact fits". The same floor under which the bot offers
    /// no fact even with a caveat.
    /// </summary>
    public const double LikelyFloor = 0.15;

    public static CurationReport Build(IReadOnlyList<LoggedQuestion> questions, IReadOnlyList<FactVotes> votes)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(votes);
        var groups = questions
            .GroupBy(q => q.Likely is { Score: >= LikelyFloor } likely ? likely.FactId : null)
            .Select(g => new QuestionGroup(
                g.Key,
                g.Count(),
                [.. g.GroupBy(q => q.Outcome).OrderByDescending(o => o.Count()).ThenBy(o => o.Key).Select(o => (o.Key, o.Count()))],
                [.. g.GroupBy(q => Normalize(q.Question), StringComparer.OrdinalIgnoreCase)
                    .Select(same => new DistinctQuestion(same.First().Question, same.First().Language, same.Count(),
                        same.GroupBy(q => q.Outcome).OrderByDescending(o => o.Count()).First().Key))
                    .OrderByDescending(d => d.Count).ThenBy(d => d.Text, StringComparer.Ordinal)]))
            .OrderByDescending(g => g.Count).ThenBy(g => g.FactId ?? "\uffff", StringComparer.Ordinal)
            .ToList();
        var disliked = votes.Where(v => v.Down > 0).OrderByDescending(v => v.Down).ThenBy(v => v.Up).ThenBy(v => v.FactId, StringComparer.Ordinal).ToList();
        return new CurationReport(questions.Count, groups, disliked);
    }

    private static string Normalize(string question) =>
        string.Join(' ', question.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>The questions most likely about one fact (<see cref="FactId"/> null: no fact fits), and how the bot fell short on them.</summary>
internal sealed record QuestionGroup(string? FactId, int Count, IReadOnlyList<(CurationOutcome Outcome, int Count)> Outcomes, IReadOnlyList<DistinctQuestion> Questions);

/// <summary>One question as asked (its first spelling), how often, and how the bot mostly fell short on it.</summary>
internal sealed record DistinctQuestion(string Text, Language Language, int Count, CurationOutcome Outcome);
