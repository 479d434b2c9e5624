using TreatyBot.Knowledge.Facts;
using TreatyBot.Knowledge.Matching;

namespace TreatyBot.Knowledge.Answers;

/// <summary>
/// Turns a question into an <see cref="Answer"/>: a fact when one fits clearly, "did you mean" when the best two fit
/// about equally or the best fits only half-way, a polite refusal for other subjects, and "I don't know" otherwise.
/// The same for Telegram and the terminal.
/// </summary>
public sealed class Answerer(Matcher matcher)
{
    /// <summary>Below this score the bot does not trust a match.</summary>
    public const double Threshold = 0.5;

    /// <summary>Below <see cref="Threshold"/> but above this, the bot offers its best guesses instead of an answer.</summary>
    public const double CandidateThreshold = 0.3;

    /// <summary>
    /// When a runner-up ranks within this share of the best, the bot asks which one was meant, unless the two facts
    /// are alike (<see cref="Matcher.AreAlike"/>): then either answers the question.
    /// </summary>
    public const double AmbiguityMargin = 0.03;

    private const int MaxCandidates = 3;

    public FactBase Facts => matcher.Facts;

    /// <param name="question">What the user typed.</param>
    /// <param name="fallback">The language to answer in when the question does not tell (Telegram's language_code).</param>
    /// <param name="chosen">The language the chat chose with /lang: it wins over the question's own language.</param>
    /// <summary>Only this much of a message is matched.</summary>
    public const int MaxQuestionLength = 500;

    public Answer Ask(string question, Language fallback = Language.Ru, Language? chosen = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        var texts = matcher.Facts.Texts;
        if (!question.Any(char.IsLetterOrDigit))
        {
            var language = chosen ?? LanguageDetector.Detect(question) ?? fallback;
            return Reply(question, language, AnswerKind.Empty, texts.Get("empty-question", language));
        }

        // A question is a sentence or two; matching a whole 4096-character message would only cost time.
        var match = matcher.Match(question.Length <= MaxQuestionLength ? question : question[..MaxQuestionLength]);
        return Decide(question, chosen ?? match.Language ?? LanguageDetector.Detect(question) ?? fallback, match) with { Match = match };
    }

    /// <summary>The facts that fit <paramref name="query"/> best, at most <paramref name="max"/>, for inline mode.</summary>
    public IReadOnlyList<Fact> Search(string query, int max)
    {
        ArgumentNullException.ThrowIfNull(query);
        return [.. matcher.Match(query, max).Top.Where(s => s.Score >= CandidateThreshold).Select(s => s.Fact)];
    }

    private Answer Decide(string question, Language language, MatchResult match)
    {
        var texts = matcher.Facts.Texts;
        if (match.Refusal is { } refusal)
        {
            return Reply(question, language, AnswerKind.OutOfScope, refusal.Reply[language]);
        }

        if (match.UnknownYears.Count > 0)
        {
            return Reply(question, language, AnswerKind.OutOfScope, texts.Get("out-of-scope", language));
        }

        if (match.Best is { } best && best.Score >= Threshold)
        {
            var close = match.Top.Skip(1).Where(s => s.Rank >= best.Rank * (1 - AmbiguityMargin) && s.Score >= Threshold && !matcher.AreAlike(best.Fact, s.Fact)).ToList();
            return close.Count == 0
                ? new Answer(question, language, AnswerKind.Fact, best.Fact, best.Score, [], null)
                : Candidates(question, language, [best, .. close]);
        }

        if (match.SmallTalk is { } talk)
        {
            return Reply(question, language, AnswerKind.SmallTalk, texts.Get(talk.TextKey, language));
        }

        if (match.Best is { } guess && guess.Score >= CandidateThreshold)
        {
            return Candidates(question, language, [.. match.Top.Where(s => s.Score >= CandidateThreshold).Take(MaxCandidates)]);
        }

        return Reply(question, language, AnswerKind.NoAnswer, texts.Get("no-answer", language)) with { Score = match.Best?.Score ?? 0 };
    }

    private Answer Candidates(string question, Language language, IReadOnlyList<ScoredFact> candidates) =>
        new(question, language, AnswerKind.Candidates, null, candidates[0].Score, candidates, matcher.Facts.Texts.Get("did-you-mean", language));

    private static Answer Reply(string question, Language language, AnswerKind kind, string text) =>
        new(question, language, kind, null, 0, [], text);
}
