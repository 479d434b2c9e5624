using TreatyBot.Knowledge.Facts;
using TreatyBot.Knowledge.Matching;

namespace TreatyBot.Knowledge.Answers;

/// <summary>
/// Turns a question into an <see cref="Answer"/>: a fact when one fits clearly, "did you mean" when two fit about
/// equally, a polite refusal for other subjects, and "I don't know" otherwise. The same for Telegram and the terminal.
/// </summary>
public sealed class Answerer(Matcher matcher)
{
    /// <summary>Below this score the bot does not trust a match.</summary>
    public const double Threshold = 0.5;

    /// <summary>When the runner-up is this close to the best, the bot asks which one was meant.</summary>
    public const double AmbiguityMargin = 0.04;

    public FactBase Facts => matcher.Facts;

    /// <param name="question">What the user typed.</param>
    /// <param name="fallback">The language to answer in when the question has no letters (from Telegram or /lang).</param>
    public Answer Ask(string question, Language fallback = Language.Ru)
    {
        ArgumentNullException.ThrowIfNull(question);
        var language = LanguageDetector.Detect(question) ?? fallback;
        var texts = matcher.Facts.Texts;
        if (!question.Any(char.IsLetterOrDigit))
        {
            return Reply(question, language, AnswerKind.Empty, texts.Get("empty-question", language));
        }

        var match = matcher.Match(question);
        return Decide(question, language, match) with { Match = match };
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

        if (match.Best is { Score: >= Threshold } best)
        {
            var close = match.Top.Skip(1).Where(s => s.Rank >= best.Rank - AmbiguityMargin && s.Score >= Threshold).ToList();
            return close.Count == 0
                ? new Answer(question, language, AnswerKind.Fact, best.Fact, best.Score, [], null)
                : new Answer(question, language, AnswerKind.Candidates, null, best.Score, [best, .. close], texts.Get("did-you-mean", language));
        }

        if (match.SmallTalk is { } talk)
        {
            return Reply(question, language, AnswerKind.SmallTalk, texts.Get(talk.TextKey, language));
        }

        return Reply(question, language, AnswerKind.NoAnswer, texts.Get("no-answer", language)) with { Score = match.Best?.Score ?? 0 };
    }

    private static Answer Reply(string question, Language language, AnswerKind kind, string text) =>
        new(question, language, kind, null, 0, [], text);
}
