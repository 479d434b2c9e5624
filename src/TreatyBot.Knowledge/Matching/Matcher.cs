using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Knowledge.Matching;

/// <summary>
/// Scores every fact against a question, two ways. The rank (BM25F over the fact's fields) orders facts: it rewards a
/// fact whose title, keywords and questions are about the question's words. The score is the share of the question's
/// meaning (IDF-weighted terms) that a fact covers, so it lies in 0..1 and is comparable across questions: it decides
/// whether to answer at all. Question words (когда, who…) lower both for facts that do not answer that kind of question.
/// Built once per fact base; thread-safe for matching.
/// </summary>
public sealed class Matcher
{
                        private const int Keep = 3;

    private readonly FactIndex index;
    private readonly Vocabulary vocabulary;
    private readonly QuestionReader reader;

    public Matcher(FactBase facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        Facts = facts;
        var words = new WordList();
        var phrases = new LexiconPhrases(facts.Lexicon, words);
        index = new FactIndex(facts.Facts, phrases, words);
        vocabulary = new Vocabulary(index.Terms.Concat(phrases.Stems()).Concat(TreatyAnalyzer.StopStems), words);
        reader = new QuestionReader(phrases, vocabulary, index);
    }

    public FactBase Facts { get; }

    /// <summary>Reads <paramref name="question"/> and ranks the facts; the best three first.</summary>
    public MatchResult Match(string question) => Match(question, Keep);

    /// <summary>Reads <paramref name="question"/> and ranks the facts; the best <paramref name="keep"/> first.</summary>
    public MatchResult Match(string question, int keep)
    {
        ArgumentNullException.ThrowIfNull(question);
        var read = reader.Read(question);
        var folded = read.Folded;
        var terms = Distinct(folded.Terms);
        var count = index.Count;
        var coverage = new double[count];
        var bm25 = new double[count];
        Span<double> termCoverage = stackalloc double[count];
        Span<double> termBm25 = stackalloc double[count];
        var family = new List<string>();
        var total = 0.0;
        foreach (var (term, certainty) in terms)
        {
            termCoverage.Clear();
            termBm25.Clear();
            var weight = certainty * (TreatyAnalyzer.StopStems.Contains(term) ? Tun.StopWeight : 1);
            var idf = index.Find(term) is null ? index.UnknownIdf : index.Idf(term);
            total += idf * weight;
            Collect(term, 1, termCoverage, termBm25);
            family.Clear();
            vocabulary.AddFamily(term, family);
            foreach (var relative in family)
            {
                Collect(relative, Tun.FamilyWeight, termCoverage, termBm25);
            }

            for (var i = 0; i < count; i++)
            {
                coverage[i] += idf * weight * termCoverage[i];
                bm25[i] += weight * termBm25[i];
            }
        }

        var broader = terms.Keys.SelectMany(DateRecognizer.Broader).ToList();
        var aspects = Asked(folded, broader.Count > 0 || terms.Keys.Any(DateRecognizer.IsDateTerm));
        Span<double> focus = stackalloc double[count];
        focus.Clear();
        index.Focus.Focus(terms, broader, aspects, focus);
        var ranked = new List<ScoredFact>(keep + 1);
        for (var i = 0; i < count && total > 0; i++)
        {
            if (coverage[i] <= 0)
            {
                continue;
            }

            var fact = Facts.Facts[i];
            var aspect = AspectFit(fact, aspects);
            var score = Math.Clamp(coverage[i] / total * aspect, 0, 1);
            var prominence = 1 + (Tun.ProminenceWeight * index.Prominence[i]);
            var rank = bm25[i] * aspect * score * prominence * (Tun.TitleFloor + ((1 - Tun.TitleFloor) * focus[i]));
            Insert(ranked, keep, new ScoredFact(fact, score, rank, focus[i]));
        }

        return new MatchResult(ranked, folded.Aspects, folded.Refusal, folded.SmallTalk, terms.Count, read.UnknownYears, read.Language);
    }

    /// <summary>The aspects a question asks for; a question that names a date also asks about an event then (when).</summary>
    private static HashSet<Aspect> Asked(FoldedText folded, bool namesDate) =>
        namesDate ? [.. folded.Aspects, Aspect.When] : folded.Aspects;

    /// <summary>
    /// 1 for a fact that answers the kind of question asked, less for one that does not. A question with no question
    /// word ("нефтяная концессия") wants the overview, so facts that do not say what something is lose a little.
    /// </summary>
    private static double AspectFit(Fact fact, HashSet<Aspect> asked) => asked.Count == 0
        ? fact.Aspects.Contains(Aspect.What) ? 1 : 1 - Tun.BroadPenalty
        : fact.Aspects.Any(asked.Contains) ? 1 : 1 - Tun.AspectPenalty;

    /// <summary>Each distinct term once, with the reader's strongest certainty of it.</summary>
    private static Dictionary<string, double> Distinct(List<WeightedTerm> terms)
    {
        var certainties = new Dictionary<string, double>(terms.Count, StringComparer.Ordinal);
        foreach (var (term, certainty) in terms)
        {
            certainties[term] = Math.Max(certainties.GetValueOrDefault(term), certainty);
        }

        return certainties;
    }

    private static void Insert(List<ScoredFact> top, int keep, ScoredFact candidate)
    {
        var index = top.FindIndex(s => s.Rank < candidate.Rank);
        if (index < 0)
        {
            if (top.Count < keep)
            {
                top.Add(candidate);
            }

            return;
        }

        top.Insert(index, candidate);
        if (top.Count > keep)
        {
            top.RemoveAt(keep);
        }
    }

    /// <summary>Notes, per fact, how well <paramref name="term"/> matches it (the best of the term and its family).</summary>
    private void Collect(string term, double strength, Span<double> coverage, Span<double> bm25)
    {
        foreach (var posting in index.Find(term) ?? [])
        {
            coverage[posting.Fact] = Math.Max(coverage[posting.Fact], strength * posting.BestField);
            bm25[posting.Fact] = Math.Max(bm25[posting.Fact], strength * posting.Bm25);
        }
    }
}
