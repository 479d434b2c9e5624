using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Matching;

namespace TreatyBot.Knowledge.Evaluation;

/// <summary>The verdict on one evaluation question: the answer (without how it was matched), its text (kept for failures only).</summary>
public sealed record EvalOutcome(EvalCase Case, Answer Answer, string AnswerText, bool Passed, bool ConfidentlyWrong);

/// <summary>Counts and rates over an evaluation set, by kind.</summary>
public sealed record EvalReport(IReadOnlyList<EvalOutcome> Outcomes)
{
    public double InRate => Rate(EvalKind.In);

    /// <summary>Out-of-scope and unknown questions that were refused or answered "not in my sources".</summary>
    public double OutRate => RateOf(Outcomes.Where(o => o.Case.Kind != EvalKind.In).ToList());

    /// <summary>Share of all questions answered with a wrong fact.</summary>
    public double WrongRate => Outcomes.Count == 0 ? 0 : (double)Outcomes.Count(o => o.ConfidentlyWrong) / Outcomes.Count;

    public double Rate(EvalKind kind) => RateOf(Outcomes.Where(o => o.Case.Kind == kind).ToList());

    /// <summary>The rates per kind and overall, and with <paramref name="failures"/> every failed question.</summary>
    public string Describe(bool failures = true)
    {
        var text = new StringBuilder();
        foreach (var kind in Enum.GetValues<EvalKind>())
        {
            var cases = Outcomes.Where(o => o.Case.Kind == kind).ToList();
            text.AppendLine(CultureInfo.InvariantCulture, $"{kind.ToString().ToLowerInvariant(),-8} {cases.Count(c => c.Passed),3}/{cases.Count,-3} {RateOf(cases),7:P1}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"in-scope answered right: {InRate:P1}; out-of-scope abstained: {OutRate:P1}; wrong confident answers: {WrongRate:P1} ({Outcomes.Count(o => o.ConfidentlyWrong)})");
        foreach (var failure in Outcomes.Where(o => failures && !o.Passed))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"FAIL line {failure.Case.Line} [{failure.Case.Kind.ToString().ToLowerInvariant()}] {failure.Case.Question} → {failure.Answer.Kind} {failure.Answer.Fact?.Id} ({failure.Answer.Score:F2}): {Shorten(failure.AnswerText)}");
        }

        return text.ToString();
    }

    private static double RateOf(List<EvalOutcome> cases) => cases.Count == 0 ? 1 : (double)cases.Count(c => c.Passed) / cases.Count;

    private static string Shorten(string text) => text.Length <= 140 ? text : text[..140] + "…";
}

/// <summary>Runs an evaluation set through the answerer and judges each answer as the set's header describes.</summary>
/// <param name="answerer">The bot's answering pipeline.</param>
/// <param name="answerText">The text of an answer as a user reads it.</param>
/// <param name="notInSources">The bot's ways of saying "my sources do not say" (from texts.yaml), besides the facts that say it in their own words.</param>
/// <param name="features">
/// Where to write what the learned gate learns from (<see cref="AnswerGate"/>), or null: per question, each fact it would
/// weigh, whether answering that fact would pass, and the features of answering it (<see cref="FeatureHeader"/>).
/// </param>
public sealed partial class Evaluator(Answerer answerer, Func<Answer, string> answerText, IReadOnlyList<string> notInSources, TextWriter? features = null)
{
    /// <summary>
    /// The columns of the features file: the question's file and line, its kind, how the bot answered it (right, wrong,
    /// or not answered), whether its facts were weighed, a fact it would weigh (empty when none), whether answering that
    /// fact would pass (1 or 0), whether the rules answered with it (1 or 0), then the gate's features.
    /// </summary>
    public static string FeatureHeader { get; } = string.Join('\t', ["source", "line", "kind", "outcome", "weighed", "fact", "passes", "answered", .. AnswerGate.FeatureNames]);

    public EvalReport Run(IEnumerable<EvalCase> cases) => new([.. cases.Select(Judge)]);

    public EvalOutcome Judge(EvalCase evalCase)
    {
        ArgumentNullException.ThrowIfNull(evalCase);
        var answer = answerer.Ask(evalCase.Question, evalCase.Language);
        var text = answerText(answer);
        var passed = Passes(evalCase, answer, text);
        var answered = answer.Kind == AnswerKind.Fact;
        features?.Write(FeatureLines(evalCase, answer, passed));
        // Some 13 000 held-out cases are judged in one run, under the bot's heap cap: an outcome keeps only what
        // the report prints, not the question's reading and scored facts.
        return new EvalOutcome(evalCase, answer with { Match = null }, passed ? "" : text, passed, ConfidentlyWrong: answered && !passed);
    }

    private bool Passes(EvalCase evalCase, Answer answer, string text)
    {
        var normalized = Normalize(text);
        var answered = answer.Kind == AnswerKind.Fact;
        // A reader's verdict on the fact answered: whether it answers the question, or null when nobody judged it.
        bool? verdict = answered && answer.Fact is { } fact && evalCase.Judged.TryGetValue(fact.Id, out var answers) ? answers : null;
        return evalCase.Kind switch
        {
            EvalKind.In when verdict is { } judged => judged,
            EvalKind.In => answered && evalCase.Expected.All(group => group.Any(alt => Holds(normalized, Normalize(alt)))),
            EvalKind.Out => !answered,
            // A question asking for a detail no source gives, answered with a fact a reader judged to give it after all.
            _ when verdict is true => true,
            _ => !answered || notInSources.Any(m => normalized.Contains(Normalize(m), StringComparison.Ordinal)),
        };
    }

    /// <summary>
    /// The question's lines of the features file: one per fact the gate would weigh when the facts were weighed for one
    /// question, otherwise one line with no fact (a message answered as several questions counts as not weighed).
    /// </summary>
    private string FeatureLines(EvalCase evalCase, Answer answer, bool passed)
    {
        var outcome = passed ? (answer.Kind == AnswerKind.Fact ? "right" : "abstained") : (answer.Kind == AnswerKind.Fact ? "wrong" : "missed");
        var head = string.Join('\t', evalCase.Source, evalCase.Line.ToString(CultureInfo.InvariantCulture), evalCase.Kind.ToString().ToLowerInvariant(), outcome);
        // Several questions answered each with its fact were weighed one by one: the message as a whole was not.
        var weighed = answer is { Weighed: true, Also.Count: 0 };
        var candidates = weighed && answer.Match is { } match ? AnswerGate.Candidates(match) : [];
        if (candidates.Count == 0)
        {
            return $"{head}\t{(weighed ? 1 : 0)}\t\t\t\t{Environment.NewLine}";
        }

        var lines = new StringBuilder();
        foreach (var fact in candidates)
        {
            var shown = new Answer(evalCase.Question, answer.Language, AnswerKind.Fact, fact, 1, [], null);
            // Every digit: the trees split where the learning data's values fall, and a chance of 6e-7 written as 0 sat
            // left of a split at 0 in learning but right of it in the bot (round 31 of docs/answer-quality.md).
            var values = AnswerGate.Features(answer.Match!, fact).Select(v => v.ToString("R", CultureInfo.InvariantCulture));
            var answered = answer.Kind == AnswerKind.Fact && answer.Fact == fact ? "1" : "0";
            lines.AppendJoin('\t', [head, "1", fact.Id, Passes(evalCase, shown, answerText(shown)) ? "1" : "0", answered, .. values]).AppendLine();
        }

        return lines.ToString();
    }

    /// <summary>
    /// Whether <paramref name="text"/> holds <paramref name="expected"/>: anywhere, since an expect is a stem or a piece
    /// of a word («вмешательств» is met by «невмешательство», "50" by "50th"); but a number the expect ends with, in
    /// digits or Roman numerals, must be the whole number, and one it begins with too: "article vi" is not met by
    /// "Article VII", nor «5 мая» by «15 мая», nor "25" by "1925".
    /// </summary>
    private static bool Holds(string text, string expected)
    {
        if (expected.Length == 0)
        {
            return true;
        }

        var numeral = EndsInNumeral(expected);
        for (var at = text.IndexOf(expected, StringComparison.Ordinal); at >= 0; at = text.IndexOf(expected, at + 1, StringComparison.Ordinal))
        {
            var end = at + expected.Length;
            var ends = numeral switch
            {
                Numeral.Digits => end == text.Length || !char.IsDigit(text[end]),
                Numeral.Roman => end == text.Length || !char.IsLetter(text[end]),
                _ => true,
            };
            var starts = !char.IsDigit(expected[0]) || at == 0 || !char.IsDigit(text[at - 1]);
            if (ends && starts)
            {
                return true;
            }
        }

        return false;
    }

    private enum Numeral
    {
        None,
        Digits,
        Roman,
    }

    private static Numeral EndsInNumeral(string expected) =>
        char.IsDigit(expected[^1]) ? Numeral.Digits
        : RomanNumeral().IsMatch(expected[(expected.LastIndexOfAny([' ', '-', '(']) + 1)..]) ? Numeral.Roman
        : Numeral.None;

    /// <summary>A Roman numeral up to 39 (the articles of a treaty), lower case as <see cref="Normalize"/> leaves it.</summary>
    [GeneratedRegex("^(?=[ivx])x{0,3}(ix|iv|v?i{0,3})$")]
    private static partial Regex RomanNumeral();

    // Latin letters with marks (lower case, as Fold leaves them) and the letters without; and э, which Russian spellings of
    // Japanese names use where others write е (Сагарэн, Сагарен).
    private const string Marked = "àáâãäåāèéêëēìíîïīòóôõöøōùúûüūýÿñçэ";
    private const string Plain = "aaaaaaaeeeeeiiiiiooooooouuuuuyyncе";

    /// <summary>
    /// The text as <see cref="Scripts.Fold(string)"/> compares it, with Latin letters also stripped of their marks and э
    /// read as е: an expect written "goto" is met by an answer that romanises the name "Gotō", «сагарен» by «Сагарэн».
    /// </summary>
    private static string Normalize(string text) =>
        string.Create(text.Length, Scripts.Fold(text), static (span, folded) =>
        {
            for (var i = 0; i < folded.Length; i++)
            {
                var marked = Marked.IndexOf(folded[i], StringComparison.Ordinal);
                span[i] = marked >= 0 ? Plain[marked] : folded[i];
            }
        });
}
