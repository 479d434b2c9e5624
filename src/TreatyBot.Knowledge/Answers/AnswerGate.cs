using System.Globalization;
using TreatyBot.Knowledge.Facts;
using TreatyBot.Knowledge.Matching;

namespace TreatyBot.Knowledge.Answers;

/// <summary>A fact the gate weighed for a question, and the chance it found that the fact answers it.</summary>
public sealed record GateChance(Fact Fact, double Chance);

/// <summary>
/// A learned last look at each answer (decision 014): the chance that a fact answers a question right, from how the
/// matcher and the classifier read the question (the best facts' scores, the classifier's margin and lead, the kinds of
/// question asked, the share of unknown words…), learned from the tuning part's questions as a bot that never learned them
/// read them (<c>eval --cross --features</c>, <c>tests/questions/train-gate.py</c>). Boosted decision trees; the
/// bot answers with the likelier of the matcher's best fact and the classifier's when its chance reaches
/// <see cref="Threshold"/>, and otherwise offers what it has with a caveat. Read from <c>responses/gate.tsv</c>.
/// </summary>
public sealed class AnswerGate
{
    private static readonly Aspect[] Aspects = Enum.GetValues<Aspect>();

    /// <summary>The features' names in the order the trees number them; gate.tsv names them so, or was learned on others.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
    [
        "best-score", "best-rank", "best-focus", "best-known", "best-fit", "best-lacks-detail", "best-other-kind", "best-profiles-subject",
        "second-score", "second-rank", "second-lacks-detail", "third-score",
        "learned-margin", "learned-lead", "learned-is-best", "learned-is-second", "learned-ranked",
        "best-learned-behind", "best-learned-place", "best-learned-lead", "second-learned-behind", "second-learned-place",
        "content-weight", "unknown-weight", "unknown-share", "terms", "entities", "dates", "proposal-checked", "refusal", "small-talk", "english",
        .. Aspects.Select(a => "asks-" + a.ToString().ToLowerInvariant()),
        "is-best", "is-learned", "score", "rank", "known", "fit", "lacks-detail", "other-kind", "profiles-subject", "place",
        "learned-behind", "learned-place", "candidate-learned-lead", "era-gap", "date-gap", "other-related", "other-same-topic",
        "nearest", "nearest-elsewhere", "nearest-other-subject", "nearest-missing-detail",
        "pieces", "pieces-place", "pieces-top", "pieces-elsewhere",
    ];

    /// <summary>
    /// What the trees read beside <see cref="FeatureNames"/>, from gate.tsv itself (round 39): the share of the tuning
    /// part's answers with the candidate fact that were right as a bot that never learned them gave them (of all, and of
    /// those where it was the matcher's best), and the same for the candidate beside the other fact weighed. Some facts
    /// and some pairs of facts are answered wrong more often than their scores tell; train-gate.py counts them.
    /// </summary>
    public static IReadOnlyList<string> RecordNames { get; } = ["fact-record", "fact-record-best", "pair-record", "pair-record-best"];

    /// <summary>The features the trees number: <see cref="FeatureNames"/>, then <see cref="RecordNames"/>.</summary>
    public static IReadOnlyList<string> TreeFeatureNames { get; } = [.. FeatureNames, .. RecordNames];

    /// <summary>How gate.tsv names "no other fact weighed" in a pair's record.</summary>
    private const string NoOther = "-";

    private readonly int[] roots;
    private readonly Node[] nodes;
    private readonly double bias;
    private readonly Records records;

    private AnswerGate(double bias, double threshold, int[] roots, Node[] nodes, Records records)
    {
        this.bias = bias;
        Threshold = threshold;
        this.roots = roots;
        this.nodes = nodes;
        this.records = records;
    }

    /// <summary>A fact whose chance reaches this answers; below it the bot does not answer as if sure.</summary>
    public double Threshold { get; }

    /// <summary>The facts the gate weighs for a question: the matcher's best and the classifier's likeliest, once each.</summary>
    public static IReadOnlyList<Fact> Candidates(MatchResult match)
    {
        ArgumentNullException.ThrowIfNull(match);
        var candidates = new List<Fact>(2);
        if (match.Best is { } best)
        {
            candidates.Add(best.Fact);
        }

        if (match.Learned is { } learned && !candidates.Contains(learned.Fact))
        {
            candidates.Add(learned.Fact);
        }

        return candidates;
    }

    /// <summary>The chance that <paramref name="candidate"/> answers the question <paramref name="match"/> read.</summary>
    public double Chance(MatchResult match, Fact candidate)
    {
        var x = TreeFeatures(match, candidate);
        var sum = bias;
        foreach (var root in roots)
        {
            // One node is one element read, its fields side by side (five arrays cost a cache line each per step).
            var node = nodes[root];
            while (node.Feature >= 0)
            {
                node = nodes[x[node.Feature] <= node.Split ? node.Left : node.Right];
            }

            sum += node.Split;
        }

        return 1 / (1 + Math.Exp(-sum));
    }

    /// <summary>
    /// The features of answering <paramref name="candidate"/> to the question <paramref name="match"/> read, in the order
    /// of <see cref="FeatureNames"/>; -1 where there is nothing to measure (no second fact, no classifier's guess).
    /// </summary>
    public static double[] Features(MatchResult match, Fact candidate)
    {
        ArgumentNullException.ThrowIfNull(match);
        var top = match.Top;
        var best = match.Best;
        var second = top.Count > 1 ? top[1] : null;
        var learned = match.Learned;
        var reading = match.Reading;
        var place = -1;
        for (var i = 0; i < top.Count; i++)
        {
            if (top[i].Fact == candidate)
            {
                place = i;
                break;
            }
        }

        var scored = place >= 0 ? top[place] : null;
        var bestStanding = best is null ? null : learned?.StandingOf(best.Fact);
        var secondStanding = second is null ? null : learned?.StandingOf(second.Fact);
        var standing = learned?.StandingOf(candidate);
        var other = Other(match, candidate);
        double[] features =
        [
            best?.Score ?? -1, best?.Rank ?? -1, best?.Focus ?? -1, best?.Known ?? -1, best?.Fit ?? -1, Flag(best?.LacksDetail), Flag(best?.OtherKind), Flag(best?.ProfilesSubject),
            second?.Score ?? -1, second?.Rank ?? -1, Flag(second?.LacksDetail), top.Count > 2 ? top[2].Score : -1,
            learned?.Margin ?? -1, learned?.Lead ?? -1, Flag(learned is null ? null : learned.Fact == best?.Fact), Flag(learned is null ? null : learned.Fact == second?.Fact),
            Flag(learned is null ? null : top.Any(s => s.Fact == learned.Fact)),
            bestStanding?.Behind ?? -1, bestStanding?.Place ?? -1, bestStanding?.Lead ?? -99, secondStanding?.Behind ?? -1, secondStanding?.Place ?? -1,
            reading.ContentWeight, reading.UnknownWeight, reading.ContentWeight > 0 ? reading.UnknownWeight / reading.ContentWeight : 0,
            reading.Terms.Count, reading.Entities.Count, reading.Dates.Count, Flag(reading.ProposalChecked), Flag(match.Refusal is not null), Flag(match.SmallTalk is not null),
            Flag(match.Language == Language.En),
            .. Aspects.Select(a => Flag(match.Aspects.Contains(a))),
            Flag(candidate == best?.Fact), Flag(candidate == learned?.Fact), scored?.Score ?? -1, scored?.Rank ?? -1, scored?.Known ?? -1, scored?.Fit ?? -1,
            Flag(scored?.LacksDetail), Flag(scored?.OtherKind), Flag(scored?.ProfilesSubject), place,
            standing?.Behind ?? -1, standing?.Place ?? -1, standing?.Lead ?? -99,
            EraGap(candidate), DateGap(reading, candidate),
            Flag(other is null ? null : other.Related.Contains(candidate.Id) || candidate.Related.Contains(other.Id)),
            Flag(other is null ? null : other.Topic == candidate.Topic),
            standing?.Nearest ?? -1, standing?.Elsewhere ?? -1, learned?.NearestElsewhere.OtherSubject ?? -1, learned?.NearestElsewhere.MissingDetail ?? -1,
            standing?.Pieces ?? -1, standing?.PiecesPlace ?? -1, learned?.PiecesOverall.Top ?? -1, learned?.PiecesOverall.Elsewhere ?? -1,
        ];
        return features;
    }

    /// <summary><see cref="Features"/> followed by <see cref="RecordsOf"/>: what the trees read, in the order of <see cref="TreeFeatureNames"/>.</summary>
    public double[] TreeFeatures(MatchResult match, Fact candidate) => [.. Features(match, candidate), .. RecordsOf(match, candidate)];

    /// <summary>
    /// The records gate.tsv keeps for the candidate and for the candidate beside the other fact weighed, in the order of
    /// <see cref="RecordNames"/>; a fact or a pair it has no record of gets the tuning part's overall share.
    /// </summary>
    public double[] RecordsOf(MatchResult match, Fact candidate)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(candidate);
        var fact = records.Facts.GetValueOrDefault(candidate.Id, records.Overall);
        var pair = records.Pairs.GetValueOrDefault((candidate.Id, Other(match, candidate)?.Id ?? NoOther), records.Overall);
        return [fact.All, fact.Best, pair.All, pair.Best];
    }

    /// <summary>How many years the nearest of the fact's dates lies from the treaty's own year; -1 for a fact without dates.</summary>
    private static double EraGap(Fact fact) => fact.Dates.Count == 0 ? -1 : fact.Dates.Min(d => Math.Abs(d.Year - 1925));

    /// <summary>
    /// How many years the nearest year the question names on its own ("1925", not the year of a month or a day) lies from
    /// the fact's nearest date; -1 when either has none. Reading the year of a month or a day too was tried in round 28:
    /// with the gate learned again it gave more wrong answers (docs/answer-quality.md).
    /// </summary>
    private static double DateGap(QuestionReading reading, Fact fact)
    {
        var gap = -1;
        foreach (var date in reading.Dates.Where(DateRecognizer.IsYearTerm))
        {
            var year = int.Parse(date, CultureInfo.InvariantCulture);
            foreach (var own in fact.Dates)
            {
                var apart = Math.Abs(own.Year - year);
                gap = gap < 0 ? apart : Math.Min(gap, apart);
            }
        }

        return gap;
    }

    /// <summary>The other fact the gate weighs beside <paramref name="candidate"/> (the matcher's best or the classifier's), or null.</summary>
    private static Fact? Other(MatchResult match, Fact candidate) =>
        match.Best?.Fact is { } best && best != candidate ? best : match.Learned?.Fact is { } learned && learned != candidate ? learned : null;

    private static double Flag(bool? flag) => flag switch { null => -1, true => 1, false => 0 };

    /// <summary>
    /// Reads gate.tsv: <c>threshold</c>, <c>bias</c> and <c>features</c> lines (a name, a TAB, the value; the features
    /// comma-separated), <c>record</c> lines (the overall shares; a fact's; a fact's beside another, <c>-</c> for none:
    /// <see cref="RecordNames"/>), then one line per tree node: tree, node, feature (-1 for a leaf), split, left, right, leaf value.
    /// A node goes left when its feature is at most the split. Problems are added to <paramref name="problems"/>.
    /// </summary>
    public static AnswerGate? Parse(string text, string file, List<FactBaseProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(problems);
        double? bias = null, limit = null;
        bool? named = null;
        Record? overall = null;
        var facts = new Dictionary<string, Record>(StringComparer.Ordinal);
        var pairs = new Dictionary<(string, string), Record>();
        var roots = new List<int>();
        var nodes = new List<Node>();
        var nodesOfTree = 0;
        var lineNumber = 0;
        var before = problems.Count;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            var cells = line.TrimEnd('\r').Split('\t');
            if (cells[0].Length == 0 || cells[0].StartsWith('#'))
            {
                continue;
            }

            switch (cells)
            {
                // A line said twice is a problem, not the last one winning: a gate written by hand or joined from two
                // would otherwise answer by whichever came last.
                case ["bias", var number] when Number(number) is { } b:
                    Once(ref bias, b, "bias");
                    break;
                case ["threshold", var number] when Number(number) is { } t && t is > 0 and < 1:
                    Once(ref limit, t, "threshold");
                    break;
                case ["features", var names]:
                    named = names.Split(',').SequenceEqual(TreeFeatureNames);
                    if (named == false)
                    {
                        Problem("it was learned on other features than the bot computes: learn it again (tests/questions/train-gate.py)");
                    }

                    break;
                case ["record", var all, var best] when Share(all) is { } a && Share(best) is { } b:
                    Once(ref overall, new Record(a, b), "overall record");
                    break;
                case ["record", var fact, var all, var best] when fact.Length > 0 && Share(all) is { } a && Share(best) is { } b:
                    if (!facts.TryAdd(fact, new Record(a, b)))
                    {
                        Problem($"a second record of {fact}");
                    }

                    break;
                case ["record", var fact, var other, var all, var best] when fact.Length > 0 && other.Length > 0 && Share(all) is { } a && Share(best) is { } b:
                    if (!pairs.TryAdd((fact, other), new Record(a, b)))
                    {
                        Problem($"a second record of {fact} beside {other}");
                    }

                    break;
                case ["record", ..]:
                    Problem("a record is «record», the fact (and the other fact weighed, or «-»), then two shares between 0 and 1");
                    break;
                case [var tree, var node, var f, var s, var l, var r, var v]
                    when Whole(tree) is { } t && Whole(node) is { } n && Whole(f) is { } index && index >= -1 && index < TreeFeatureNames.Count
                        && Number(s) is { } at && Whole(l) is { } toLeft && Whole(r) is { } toRight && Number(v) is { } leaf:
                    if (n == 0)
                    {
                        roots.Add(nodes.Count);
                        nodesOfTree = 0;
                    }

                    if (t != roots.Count - 1 || n != nodesOfTree || (index >= 0 && (toLeft <= n || toRight <= n)))
                    {
                        Problem("tree nodes must come tree by tree, node by node, each branch pointing past itself");
                        break;
                    }

                    var start = roots[^1];
                    nodes.Add(new Node(index, index >= 0 ? at : leaf, start + toLeft, start + toRight));
                    nodesOfTree++;
                    break;
                default:
                    Problem("expected «threshold», «bias», «features» or a tree node (7 TAB-separated numbers)");
                    break;
            }
        }

        foreach (var node in nodes)
        {
            if (node.Feature >= 0 && (node.Left >= nodes.Count || node.Right >= nodes.Count))
            {
                lineNumber = 0;
                Problem("a branch points past the last node");
                break;
            }
        }

        if (bias is null || limit is null || named is null || overall is null || roots.Count == 0)
        {
            lineNumber = 0;
            Problem("it needs a bias, a threshold between 0 and 1, the features, the overall record and at least one tree");
        }

        return problems.Count > before || bias is null || limit is null || overall is null
            ? null
            : new AnswerGate(bias.Value, limit.Value, [.. roots], [.. nodes], new Records(overall.Value, facts, pairs));

        void Problem(string message) => problems.Add(new FactBaseProblem(new SourceLocation(file, lineNumber), message));

        void Once<T>(ref T? slot, T value, string what)
            where T : struct
        {
            if (slot is null)
            {
                slot = value;
            }
            else
            {
                Problem($"a second {what} line");
            }
        }
    }

    /// <summary>A tree node: a branch on <paramref name="Feature"/> at <paramref name="Split"/>, or a leaf (feature -1) whose value is in Split.</summary>
    private readonly record struct Node(int Feature, double Split, int Left, int Right);

    /// <summary>A share of right answers: the tuning part's overall one, and those of single facts and pairs.</summary>
    private readonly record struct Record(double All, double Best);

    private sealed record Records(Record Overall, Dictionary<string, Record> Facts, Dictionary<(string, string), Record> Pairs);

    private static double? Share(string text) => Number(text) is { } share && share is >= 0 and <= 1 ? share : null;

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? number : null;

    private static int? Whole(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;
}
