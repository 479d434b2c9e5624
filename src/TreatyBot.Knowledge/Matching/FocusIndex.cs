using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Knowledge.Matching;

/// <summary>
/// What each fact is about, as the short texts a curator wrote for it: its title, its keywords, its example questions.
/// A fact's focus on a question is the best overlap of the question with one of these phrases: the share of the phrase
/// the question names times the share of the question the phrase names, with question words counting as words. So
/// "liquidation of the concessions" is about the fact with the keyword "liquidation of concessions", not about the fact
/// on the 1941 talks that mentions the liquidation in passing, and "signatories of the treaty" is not about the
/// signatories of the Treaty of Portsmouth.
/// </summary>
internal sealed class FocusIndex
{
    private readonly Dictionary<string, int[]> byTerm;
    private readonly Dictionary<Aspect, int[]> byAspect;
    private readonly Phrase[] phrases;
    private readonly Func<string, double> weigh;
    private readonly double aspectWeight;

    /// <param name="phrases">The phrases: the fact each is about, how much that kind of phrase counts (0..1), the folded text.</param>
    /// <param name="weigh">How much a term counts (its IDF, less for a stop word).</param>
    /// <param name="aspectWeight">How much a question word counts.</param>
    public FocusIndex(IReadOnlyList<(int Fact, double Field, FoldedText Text)> phrases, Func<string, double> weigh, double aspectWeight)
    {
        this.weigh = weigh;
        this.aspectWeight = aspectWeight;
        this.phrases = [.. phrases.Select(p => new Phrase(
            p.Fact,
            p.Field,
            p.Text.Terms.Select(t => t.Term).Distinct(StringComparer.Ordinal).Sum(weigh) + (p.Text.Aspects.Count * aspectWeight)))];
        byTerm = phrases.SelectMany((p, i) => p.Text.Terms.Select(t => (t.Term, Phrase: i)))
            .Distinct()
            .GroupBy(x => x.Term, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Phrase).ToArray(), StringComparer.Ordinal);
        byAspect = phrases.SelectMany((p, i) => p.Text.Aspects.Select(a => (Aspect: a, Phrase: i)))
            .GroupBy(x => x.Aspect)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Phrase).ToArray());
    }

    /// <summary>Writes each fact's focus (0..1) on the question into <paramref name="focus"/>.</summary>
    /// <param name="terms">The question's terms with how sure the reader is of each (a corrected word counts less).</param>
    /// <param name="broader">Terms the question implies without counting them as asked: the month and year of a date.</param>
    /// <param name="aspects">The aspects the question asks for.</param>
    public void Focus(IReadOnlyDictionary<string, double> terms, IEnumerable<string> broader, IReadOnlySet<Aspect> aspects, Span<double> focus)
    {
        var named = new double[phrases.Length];
        var asked = aspects.Count * aspectWeight;
        foreach (var (term, certainty) in terms)
        {
            if (byTerm.TryGetValue(term, out var found))
            {
                var weight = weigh(term) * Math.Min(1, certainty);
                asked += weight;
                Name(found, weight, named);
            }
        }

        foreach (var term in broader)
        {
            if (byTerm.TryGetValue(term, out var found))
            {
                Name(found, weigh(term), named);
            }
        }

        foreach (var aspect in aspects)
        {
            Name(byAspect.GetValueOrDefault(aspect) ?? [], aspectWeight, named);
        }

        for (var i = 0; i < phrases.Length; i++)
        {
            if (named[i] > 0 && phrases[i].Weight > 0)
            {
                var phrase = phrases[i];
                var overlap = Math.Min(1, named[i] / phrase.Weight * Math.Pow(Math.Min(1, named[i] / asked), Tun.PrecisionExponent));
                focus[phrase.Fact] = Math.Max(focus[phrase.Fact], phrase.Field * overlap);
            }
        }
    }

    private static void Name(int[] found, double weight, double[] named)
    {
        foreach (var phrase in found)
        {
            named[phrase] += weight;
        }
    }

    private readonly record struct Phrase(int Fact, double Field, double Weight);
}
