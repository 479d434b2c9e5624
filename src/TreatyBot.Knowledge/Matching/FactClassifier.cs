using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Knowledge.Matching;

/// <summary>
/// The fact a <see cref="FactClassifier"/> finds likeliest; by how much its score (naive Bayes's log-likelihood and the
/// perceptron's score, blended) leads the next fact's; and by how much it leads the likelier of "another subject" and "a
/// detail no source gives" (negative when one of those wins).
/// </summary>
public sealed record LearnedGuess(Fact Fact, double Margin, double Lead)
{
    /// <summary>How close the question comes to the nearest text the likeliest fact learned from (0 to 1).</summary>
    public double Nearest { get; init; }

    /// <summary>How close it comes to the nearest text of any other class (another fact, subject or missing detail).</summary>
    public double Elsewhere { get; init; }

    /// <summary>How close it comes to the nearest question on another subject, and to the nearest asking for a detail no source gives.</summary>
    public (double OtherSubject, double MissingDetail) NearestElsewhere { get; init; }

    /// <summary>The likeliest fact's chance by the pieces of the words (<see cref="LetterGrams"/>), and how many classes had a higher one; -1 without pieces learned.</summary>
    public (double Chance, int Place) Pieces { get; init; } = (-1, -1);

    /// <summary>By the pieces of the words, the highest chance of any class, and the chance of another subject and of a detail no source gives together; -1 without pieces learned.</summary>
    public (double Top, double Elsewhere) PiecesOverall { get; init; } = (-1, -1);

    /// <summary>Where the classifier put each of the facts the matcher ranked (in the matcher's order).</summary>
    public IReadOnlyList<LearnedStanding> Ranked { get; init; } = [];

    /// <summary>Where the classifier put <paramref name="fact"/>: its own guess is first; null for a fact the matcher did not rank.</summary>
    public LearnedStanding? StandingOf(Fact fact)
    {
        if (fact == Fact)
        {
            return new LearnedStanding(fact, 0, 0, Lead, Nearest, Elsewhere, Pieces.Chance, Pieces.Place);
        }

        foreach (var standing in Ranked)
        {
            if (standing.Fact == fact)
            {
                return standing;
            }
        }

        return null;
    }
}

/// <summary>
/// Where the classifier put a fact: how far its score is behind the likeliest fact's (0 for that fact), how many facts
/// it found likelier, by how much the fact leads the likelier of "another subject" and "a detail no source gives", and
/// how close the question comes to the nearest text the fact learned from and to the nearest of any other class
/// (<see cref="NearestExamples"/>), and its chance by the pieces of the words and how many classes had a higher one
/// (<see cref="LetterGrams"/>; -1 without pieces learned).
/// </summary>
public readonly record struct LearnedStanding(Fact Fact, double Behind, int Place, double Lead, double Nearest, double Elsewhere, double Pieces, int PiecesPlace);

/// <summary>
/// A second reader of questions, learned from how people asked them: a multinomial naive Bayes classifier over the
/// beginnings of words (five letters) and pairs of neighbouring beginnings, blended with an
/// <see cref="AveragedPerceptron"/> over the same tokens. Each fact is one class; it learns from the fact's own title,
/// answer, keywords and questions (counted <see cref="FactTextWeight"/> times) and from the questions of examples.tsv,
/// which people wrote without seeing the matcher. Two more classes learn the questions there on other subjects and those
/// asking for details no source gives. It knows nothing of question kinds or dates; the <see cref="Matcher"/> does. The
/// answerer trusts what the two readers agree on (decision 006).
/// </summary>
internal sealed class FactClassifier
{
    /// <summary>Additive smoothing: a word a fact never saw still counts a little.</summary>
    private const double Alpha = 0.3;

    /// <summary>The cache file's format: a change to it, or to what is kept, must change this.</summary>
    private const int Version = 1;

    private const int Magic = 0x43464254; // "TBFC"

    private const string FilePrefix = "classifier";

    /// <summary>A fact's own words count as this many asked questions.</summary>
    private const int FactTextWeight = 3;

    /// <summary>
    /// The perceptron's score counts this many times beside naive Bayes's log-likelihood: out of sample, 6, 8, 12 and 16
    /// were tried (with <see cref="Spread"/>), and 8 gave the most right answers for the fewest wrong ones.
    /// </summary>
    private const double PerceptronWeight = 8;

    /// <summary>
    /// The blend's leads are divided by this, so that a lead means about what it meant with naive Bayes alone, whose
    /// leads the answerer's thresholds were set for: the blend's leads are about twice as wide.
    /// </summary>
    private const double Spread = 2;

    private readonly IReadOnlyList<Fact> facts;

    /// <summary>Each fact's class: its place in <see cref="facts"/>.</summary>
    private readonly Dictionary<Fact, int> classOf;

    /// <summary>Each token's number: its place in <see cref="postings"/>.</summary>
    private readonly Dictionary<long, int> ids;

    /// <summary>Where each token's postings start in <see cref="postings"/> (one more at the end, where the last one ends).</summary>
    private readonly int[] starts;

    /// <summary>Per token in turn, the classes that saw it and its log-likelihood gain there over a token a class never saw.</summary>
    private readonly (int Class, float Gain)[] postings;

    /// <summary>Per class (the facts, then "another subject", then "a detail no source gives"), the log-likelihood of a token it never saw.</summary>
    private readonly double[] unseen;

    /// <summary>The second half of the classifier, learned from the same texts one at a time.</summary>
    private readonly AveragedPerceptron perceptron;

    /// <summary>The nearest text of each class, for the answer gate.</summary>
    private readonly NearestExamples nearest;

    /// <summary>The chances by the pieces of the words, for the answer gate; null without examples.tsv.</summary>
    private readonly LetterGrams? pieces;

    /// <summary>Whether the perceptron's weights were read from the cache rather than learned.</summary>
    public bool Cached => perceptron.Cached;

    /// <summary>Whether the pieces of the words were read from the cache rather than counted; null without examples.tsv.</summary>
    public bool? PiecesCached => pieces?.Cached;

    /// <summary>
    /// Whether all of it was read from its own cache file (<see cref="TryRead"/>), so that examples.tsv's questions were
    /// not tokenised or counted (the loader still reads, checks and hashes the file).
    /// </summary>
    public bool FromCacheFile { get; }

    [ThreadStatic]
    private static Scratch? scratch;

    /// <param name="facts">The facts, each a class learned from its own texts.</param>
    /// <param name="examples">The questions of examples.tsv, counted only when the cache does not hold what they teach.</param>
    /// <param name="cache">Where what is learned is kept between starts, or null for nowhere.</param>
    public FactClassifier(IReadOnlyList<Fact> facts, LearningExamples examples, string? cache = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        this.facts = facts;
        classOf = new Dictionary<Fact, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < facts.Count; i++)
        {
            classOf[facts[i]] = i;
        }

        // Examples whose file was not hashed (eval's cross option counts a part of them) are never cached: their key
        // would be that of no examples at all.
        var key = cache is null || !examples.Cacheable ? null : Key(facts, examples.Hash);
        var learned = key is null ? null : TryRead(cache!, key, facts.Count + 2);
        FromCacheFile = learned is not null;
        (ids, starts, postings, unseen, nearest, perceptron, pieces) = learned ?? Learned(facts, examples, cache, key);
    }

    /// <summary>All the classifier learned, as its cache file keeps it.</summary>
    private sealed record Learning(
        Dictionary<long, int> Ids,
        int[] Starts,
        (int Class, float Gain)[] Postings,
        double[] Unseen,
        NearestExamples Nearest,
        AveragedPerceptron Perceptron,
        LetterGrams? Pieces);

    /// <summary>
    /// Learns from the facts' own texts and <paramref name="examples"/>, the perceptron's weights and the pieces read from
    /// <paramref name="cache"/> when they are there, and writes all of it to the cache under <paramref name="key"/> (when
    /// there is one) for the next start.
    /// </summary>
    private static Learning Learned(IReadOnlyList<Fact> facts, LearningExamples examples, string? cache, byte[]? key)
    {
        var classes = facts.Select((fact, i) => (fact.Id, i)).ToDictionary(StringComparer.Ordinal);
        classes[FactBaseLoader.OutOfScopeExample] = facts.Count;
        classes[FactBaseLoader.NotInSourcesExample] = facts.Count + 1;
        var counts = examples.CountQuestions();
        var pieces = counts?.Questions is { } questions
            ? LetterGrams.Learn(questions, [.. counts.Labels.Select(label => classes.GetValueOrDefault(label, -1))], facts.Count + 2, cache)
            : null;

        var ids = new Dictionary<long, int>();
        var documents = CountedBy(facts, classes, counts, ids, out var starts, out var postings, out var unseen);
        var nearest = new NearestExamples(ids.Count, documents);
        var perceptron = AveragedPerceptron.Learn(ids.Count, documents, others: facts.Count, cache);
        var learned = new Learning(ids, starts, postings, unseen, nearest, perceptron, pieces);
        if (cache is not null && key is not null)
        {
            LearnedFiles.TryWrite(LearnedFiles.PathOf(cache, FilePrefix, key), FilePrefix, stream => Write(stream, key, learned));
        }

        return learned;
    }

    /// <summary>
    /// Naive Bayes' half: counts the facts' own texts and <paramref name="examples"/> into <paramref name="ids"/> and the
    /// postings, and returns the texts, each its class, its tokens' numbers and the other facts that answer it as well
    /// (readers' verdicts, examples.tsv's fourth column), for the perceptron. A label's class is the one
    /// <paramref name="classes"/> names (the facts, then another subject and a missing detail); a label it does not name
    /// counts nothing. The counts are let go here (some MiB, more than learning needs), before the perceptron learns.
    /// </summary>
    private static List<(int Class, int[] Tokens, int Weight, int[]? Also)> CountedBy(
        IReadOnlyList<Fact> facts,
        Dictionary<string, int> classes,
        TokenCounts? examples,
        Dictionary<long, int> ids,
        out int[] starts,
        out (int Class, float Gain)[] postings,
        out double[] unseen)
    {
        var own = new TokenCounts();
        foreach (var fact in facts)
        {
            foreach (var text in OwnTexts(fact))
            {
                own.Learn(text, fact.Id, FactTextWeight, once: false);
            }
        }

        var totals = new double[facts.Count + 2];
        ids.EnsureCapacity((examples?.Ids.Count ?? 0) + own.Ids.Count);
        var entries = new List<(int Token, int Class, int Count)>((examples?.Entries.Count ?? 0) + own.Entries.Count);
        var documents = new List<(int Class, int[] Tokens, int Weight, int[]? Also)>((examples?.Texts.Count ?? 0) + own.Texts.Count);
        foreach (var counts in examples is null ? [own] : new[] { examples, own })
        {
            var tokenOf = new int[counts.Ids.Count];
            foreach (var (token, id) in counts.Ids)
            {
                tokenOf[id] = ids.TryGetValue(token, out var final) ? final : ids[token] = ids.Count;
            }

            var classOf = counts.Labels.Select(label => classes.GetValueOrDefault(label, -1)).ToArray();
            for (var label = 0; label < classOf.Length; label++)
            {
                if (classOf[label] >= 0)
                {
                    totals[classOf[label]] += counts.Totals[label];
                }
            }

            foreach (var (token, label, count) in counts.Entries)
            {
                if (classOf[label] >= 0)
                {
                    entries.Add((tokenOf[token], classOf[label], count));
                }
            }

            foreach (var (label, weight, tokens, also) in counts.Texts)
            {
                if (classOf[label] >= 0)
                {
                    int[]? answering = also is null ? null : [.. also.Select(id => classes.GetValueOrDefault(id, -1)).Where(c => c >= 0 && c != classOf[label])];
                    // The counts' own arrays, renumbered in place: they are not read again.
                    for (var i = 0; i < tokens.Length; i++)
                    {
                        tokens[i] = tokenOf[tokens[i]];
                    }

                    documents.Add((classOf[label], tokens, weight, answering is { Length: > 0 } ? answering : null));
                }
            }

            counts.ReleaseCounts();
        }

        (starts, postings) = Postings(entries, ids.Count, totals.Length, Alpha);
        unseen = [.. totals.Select(total => Math.Log(Alpha) - Math.Log(total + (Alpha * ids.Count)))];
        return documents;
    }

    /// <summary>The texts of a fact the classifier learns from: its title, answer, keywords and questions.</summary>
    private static string[] OwnTexts(Fact fact) =>
        [fact.Title.Ru, fact.Title.En, fact.Answer.Ru, fact.Answer.En, .. fact.Keywords.All, .. fact.Questions.All];

    /// <summary>
    /// The name of the classifier's cache file: a hash of the format's version, this build of the knowledge library (its
    /// module's version id: any change to the library's code, and so to how the classifier reads or learns, makes a new
    /// file, learned once), the runtime and processor, the hash of examples.tsv (null for no file) and every fact's own
    /// texts.
    /// </summary>
    private static byte[] Key(IReadOnlyList<Fact> facts, byte[]? examplesHash)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var runtime = Encoding.UTF8.GetBytes(RuntimeInformation.FrameworkDescription + " " + RuntimeInformation.ProcessArchitecture);
        Span<int> header = [Version, facts.Count, examplesHash?.Length ?? -1, runtime.Length];
        hash.AppendData(MemoryMarshal.AsBytes(header));
        hash.AppendData(typeof(FactClassifier).Module.ModuleVersionId.ToByteArray());
        hash.AppendData(runtime);
        hash.AppendData(examplesHash ?? []);
        foreach (var fact in facts)
        {
            string[] texts = [fact.Id, .. OwnTexts(fact)];
            Span<int> count = [texts.Length];
            hash.AppendData(MemoryMarshal.AsBytes(count));
            foreach (var text in texts)
            {
                Span<int> length = [text.Length];
                hash.AppendData(MemoryMarshal.AsBytes(length));
                hash.AppendData(MemoryMarshal.AsBytes(text.AsSpan()));
            }
        }

        return hash.GetHashAndReset()[..16];
    }

    /// <summary>
    /// Writes what <paramref name="learned"/> holds beside the perceptron's weights and the pieces, which keep their
    /// own files: this one names them by their keys.
    /// </summary>
    private static void Write(Stream stream, byte[] key, Learning learned)
    {
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(key);
        }

        var tokens = new long[learned.Ids.Count];
        foreach (var (token, id) in learned.Ids)
        {
            tokens[id] = token;
        }

        using var arrays = new LearnedArrayWriter(stream);
        arrays.Write<long>(tokens);
        arrays.Write<int>(learned.Starts);
        arrays.Write<int>([.. learned.Postings.Select(p => p.Class)]);
        arrays.Write<float>([.. learned.Postings.Select(p => p.Gain)]);
        arrays.Write<double>(learned.Unseen);
        learned.Nearest.WriteTo(arrays);
        arrays.Write<byte>(learned.Perceptron.CacheKey);
        arrays.Write<int>([learned.Perceptron.ClassCount]);
        arrays.Write<byte>(learned.Pieces?.CacheKey ?? []);
        arrays.WriteHash();
    }

    /// <summary>
    /// What the classifier's cache file under <paramref name="key"/> holds, with the perceptron's weights and the pieces
    /// it names; null when any of them is missing, of another key, or damaged in any way its hash, order, classes or
    /// numbers show (the file's length is checked against <see cref="LearnedFiles.MaxLength"/>, and each array's against
    /// what is left of the file, before anything is allocated for it). A file read is
    /// touched, so that the newest files kept are those in use.
    /// </summary>
    private static Learning? TryRead(string cache, byte[] key, int classCount)
    {
        var path = LearnedFiles.PathOf(cache, FilePrefix, key);
        try
        {
            using var stream = File.OpenRead(path);
            using (var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true))
            {
                if (stream.Length < (2 * sizeof(int)) + key.Length || stream.Length > LearnedFiles.MaxLength || reader.ReadInt32() != Magic || reader.ReadInt32() != Version
                    || !reader.ReadBytes(key.Length).AsSpan().SequenceEqual(key))
                {
                    return null;
                }
            }

            using var arrays = new LearnedArrayReader(stream);
            var tokens = arrays.Read<long>();
            var starts = arrays.Read<int>(tokens.Length + 1);
            var classes = arrays.Read<int>();
            var gains = arrays.Read<float>(classes.Length);
            var unseen = arrays.Read<double>(classCount);
            var nearest = NearestExamples.ReadFrom(arrays, tokens.Length, classCount);
            var perceptronKey = arrays.Read<byte>();
            var perceptronClasses = arrays.Read<int>(1);
            var piecesKey = arrays.Read<byte>();
            if (nearest is null || !arrays.HashMatches() || starts[0] != 0 || starts[^1] != classes.Length
                || classes.AsSpan().IndexOfAnyExceptInRange(0, classCount - 1) >= 0
                || !Array.TrueForAll(gains, float.IsFinite) || !Array.TrueForAll(unseen, double.IsFinite)
                || perceptronClasses[0] is < 0 || perceptronClasses[0] > classCount)
            {
                return null;
            }

            var ids = new Dictionary<long, int>(tokens.Length);
            for (var i = 0; i < tokens.Length; i++)
            {
                if (starts[i] > starts[i + 1] || !ids.TryAdd(tokens[i], i))
                {
                    return null;
                }
            }

            var perceptron = AveragedPerceptron.Read(cache, perceptronKey, tokens.Length, perceptronClasses[0]);
            var pieces = piecesKey.Length == 0 ? null : LetterGrams.Read(cache, piecesKey, classCount);
            if (perceptron is null || (piecesKey.Length > 0 && pieces is null))
            {
                return null;
            }

            var postings = new (int Class, float Gain)[classes.Length];
            for (var i = 0; i < postings.Length; i++)
            {
                postings[i] = (classes[i], gains[i]);
            }

            stream.Dispose();
            LearnedFiles.Touch(path);
            return new Learning(ids, starts, postings, unseen, nearest, perceptron, pieces);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The postings of <paramref name="count"/> tokens, in turn: each class that saw a token, once, with the gain of all
    /// its counts there, smoothed by <paramref name="alpha"/>.
    /// </summary>
    internal static (int[] Starts, (int Class, float Gain)[] Postings) Postings(List<(int Token, int Class, int Count)> entries, int count, int classes, double alpha)
    {
        var byToken = new int[count + 1];
        foreach (var entry in entries)
        {
            byToken[entry.Token + 1]++;
        }

        for (var token = 0; token < count; token++)
        {
            byToken[token + 1] += byToken[token];
        }

        var sorted = new (int Class, int Count)[entries.Count];
        var next = byToken[..count];
        foreach (var (token, @class, n) in entries)
        {
            sorted[next[token]++] = (@class, n);
        }

        var sums = new int[classes];
        var touched = new List<int>();
        var starts = new int[count + 1];
        var postings = new List<(int, float)>(entries.Count);
        for (var token = 0; token < count; token++)
        {
            starts[token] = postings.Count;
            for (var i = byToken[token]; i < byToken[token + 1]; i++)
            {
                if (sums[sorted[i].Class] == 0)
                {
                    touched.Add(sorted[i].Class);
                }

                sums[sorted[i].Class] += sorted[i].Count;
            }

            foreach (var @class in touched)
            {
                postings.Add((@class, (float)(Math.Log(sums[@class] + alpha) - Math.Log(alpha))));
                sums[@class] = 0;
            }

            touched.Clear();
        }

        starts[count] = postings.Count;
        return (starts, [.. postings]);
    }

    /// <summary>
    /// The likeliest fact for <paramref name="question"/>, or null when none of its words was ever seen; with where it
    /// put each of the <paramref name="ranked"/> facts (the matcher's).
    /// </summary>
    public LearnedGuess? Classify(string question, IReadOnlyList<ScoredFact>? ranked = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        var work = scratch ??= new Scratch();
        work.Reset(facts.Count + 2);
        var tokens = new TokenCounts.TokenReader(question);
        while (tokens.Next(out var token))
        {
            if (!ids.TryGetValue(token, out var id))
            {
                continue;
            }

            if (work.Seen.IndexOf(id) is var at and >= 0)
            {
                work.Counts[at]++;
            }
            else
            {
                work.Seen.Add(id);
                work.Counts.Add(1);
                for (var i = starts[id]; i < starts[id + 1]; i++)
                {
                    work.Scores[postings[i].Class] += postings[i].Gain;
                }
            }
        }

        if (work.Seen.Count == 0)
        {
            return null;
        }

        for (var i = 0; i < facts.Count + 2; i++)
        {
            work.Scores[i] = Score(work, i);
        }

        perceptron.AddScores(work.Seen, work.Counts, work.Scores, PerceptronWeight);

        var (best, second) = TopTwo(work.Scores.AsSpan(0, facts.Count));

        var elsewhere = Math.Max(work.Scores[facts.Count], work.Scores[facts.Count + 1]);
        nearest.Fill(work.Seen, work.Nearest, work.Texts);
        var (closest, runnerUp) = TopTwo(work.Nearest);
        pieces?.Chances(question, work.Pieces);
        var piecesTop = pieces is null ? -1 : work.Pieces.Max();

        return new LearnedGuess(
            facts[best],
            second < 0 ? double.PositiveInfinity : (work.Scores[best] - work.Scores[second]) / Spread,
            (work.Scores[best] - elsewhere) / Spread)
        {
            Ranked = ranked is null ? [] : Standings(ranked, work, work.Scores[best], elsewhere, closest, runnerUp),
            Pieces = PiecesOf(work, best),
            PiecesOverall = pieces is null ? (-1, -1) : (piecesTop, work.Pieces[facts.Count] + work.Pieces[facts.Count + 1]),
            Nearest = work.Nearest[best],
            Elsewhere = Elsewhere(work.Nearest, best, closest, runnerUp),
            NearestElsewhere = (work.Nearest[facts.Count], work.Nearest[facts.Count + 1]),
        };
    }

    /// <summary>The places of the highest value and the next (the earlier on a tie); -1 where there is none.</summary>
    private static (int First, int Second) TopTwo(ReadOnlySpan<double> values)
    {
        var (first, second) = (-1, -1);
        for (var i = 0; i < values.Length; i++)
        {
            if (first < 0 || values[i] > values[first])
            {
                (first, second) = (i, first);
            }
            else if (second < 0 || values[i] > values[second])
            {
                second = i;
            }
        }

        return (first, second);
    }

    /// <summary>How close the question comes to the nearest text of a class other than <paramref name="class"/>.</summary>
    private static double Elsewhere(double[] nearest, int @class, int closest, int runnerUp) =>
        @class != closest ? nearest[closest] : runnerUp < 0 ? 0 : nearest[runnerUp];

    /// <summary>By the pieces of the words, <paramref name="class"/>'s chance and how many classes had a higher one.</summary>
    private (double Chance, int Place) PiecesOf(Scratch work, int @class)
    {
        if (pieces is null)
        {
            return (-1, -1);
        }

        var chance = work.Pieces[@class];
        var place = 0;
        foreach (var other in work.Pieces)
        {
            place += other > chance ? 1 : 0;
        }

        return (chance, place);
    }

    private LearnedStanding[] Standings(IReadOnlyList<ScoredFact> ranked, Scratch work, double top, double elsewhere, int closest, int runnerUp)
    {
        var scores = work.Scores;
        var standings = new LearnedStanding[ranked.Count];
        for (var i = 0; i < ranked.Count; i++)
        {
            var fact = ranked[i].Fact;
            var score = scores[classOf[fact]];
            var place = 0;
            for (var other = 0; other < facts.Count; other++)
            {
                place += scores[other] > score ? 1 : 0;
            }

            var @class = classOf[fact];
            var (chance, piecesPlace) = PiecesOf(work, @class);
            standings[i] = new LearnedStanding(
                fact, (top - score) / Spread, place, (score - elsewhere) / Spread, work.Nearest[@class], Elsewhere(work.Nearest, @class, closest, runnerUp), chance, piecesPlace);
        }

        return standings;
    }

    private double Score(Scratch work, int index) => (work.Seen.Count * unseen[index]) + work.Scores[index];

    /// <summary>A thread's working space, kept between questions so that classifying one allocates little.</summary>
    private sealed class Scratch
    {
        public List<int> Seen { get; } = [];

        public List<int> Counts { get; } = [];

        public double[] Scores { get; private set; } = [];

        /// <summary>Per class, how close the question comes to its nearest text.</summary>
        public double[] Nearest { get; private set; } = [];

        public NearestExamples.Scratch Texts { get; } = new();

        /// <summary>Per class, its chance by the pieces of the words.</summary>
        public double[] Pieces { get; private set; } = [];

        public void Reset(int count)
        {
            Seen.Clear();
            Counts.Clear();
            if (Scores.Length != count)
            {
                Scores = new double[count];
                Nearest = new double[count];
                Pieces = new double[count];
            }

            Array.Clear(Scores);
            Array.Clear(Nearest);
        }
    }
}
