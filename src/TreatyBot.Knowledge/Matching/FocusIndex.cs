using System.Buffers;
using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Knowledge.Matching;

/// <summary>
/// What each fact is about, as the short texts a curator wrote to name it: its title and its example questions. A
/// fact's focus on a question is how much of one of these phrases the question names (IDF-weighted, question words
/// counting as words), the best phrase counting. So "liquidation of the concessions" is not about the fact titled
/// "Concessions in the 1941 talks", and "signatories of the treaty" is not about "Signatories of the Treaty of
/// Portsmouth": those titles name something the question does not.
/// </summary>
internal sealed class FocusIndex
{
    private readonly Dictionary<string, int[]> byTerm;
    private readonly Dictionary<Aspect, int[]> byAspect;
    private readonly Phrase[] phrases;
    private readonly double aspectWeight;

    /// <param name="phrases">The phrases: the fact each names, how much that kind of phrase counts (0..1), the folded text.</param>
    /// <param name="weigh">How much a term counts (its IDF, less for a stop word).</param>
    /// <param name="aspectWeight">How much a question word counts.</param>
    public FocusIndex(IReadOnlyList<(int Fact, double Field, FoldedText Text)> phrases, Func<string, double> weigh, double aspectWeight)
    {
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

    /// <summary>The number of phrases: the size of the scratch space <see cref="Measure"/> needs.</summary>
    public int Count => phrases.Length;

    /// <summary>Writes each fact's focus (0..1) on the question into <paramref name="focus"/>.</summary>
    /// <param name="terms">What the question names, each with its weight (month and year included for a date).</param>
    /// <param name="aspects">The aspects the question asks for.</param>
    /// <param name="named">Scratch space of <see cref="Count"/> zeros.</param>
    /// <param name="focus">One value per fact, zero on entry.</param>
    public void Measure(IEnumerable<(string Term, double Weight)> terms, IReadOnlySet<Aspect> aspects, Span<double> named, Span<double> focus)
    {
        // Only the phrases the question names are looked at, not the whole index.
        var buffer = ArrayPool<int>.Shared.Rent(phrases.Length * 2);
        var touched = 0;
        foreach (var (term, weight) in terms)
        {
            Name(byTerm.GetValueOrDefault(term), weight, named, buffer, ref touched);
        }

        foreach (var aspect in aspects)
        {
            Name(byAspect.GetValueOrDefault(aspect), aspectWeight, named, buffer, ref touched);
        }

        foreach (var i in buffer.AsSpan(0, touched))
        {
            if (named[i] > 0 && phrases[i] is { Weight: > 0 } phrase)
            {
                focus[phrase.Fact] = Math.Max(focus[phrase.Fact], phrase.Field * Math.Min(1, named[i] / phrase.Weight));
            }
        }

        ArrayPool<int>.Shared.Return(buffer);
    }

    private static void Name(int[]? found, double weight, Span<double> named, int[] touched, ref int count)
    {
        foreach (var phrase in found ?? [])
        {
            // Listed when its weight turns positive: once, as weights are never negative.
            if (named[phrase] <= 0 && named[phrase] + weight > 0 && count < touched.Length)
            {
                touched[count++] = phrase;
            }

            named[phrase] += weight;
        }
    }

    private readonly record struct Phrase(int Fact, double Field, double Weight);
}
