using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace TreatyBot.Knowledge.Matching;

/// <summary>
/// The half of <see cref="FactClassifier"/> that learns what tells classes apart: an averaged perceptron (Collins,
/// 2002) over the classifier's tokens. A text is a vector of its tokens, each weighted by tf-idf (1 + ln of its count,
/// times ln((1 + n) / (1 + the texts it occurs in)) + 1) and scaled to length 1. Learning goes through the texts one at a
/// time, <see cref="Epochs"/> times, in an order shuffled anew each pass from a fixed seed: when the right class does not
/// lead every other by its margin (<see cref="Margin"/>; <see cref="OtherMargin"/> for the classes of questions on other
/// subjects and on details no source gives), the text's vector is added to the right class's weights and taken from the
/// class that won. A class readers judged to answer the text as well (a question on the talks that the fact on their
/// length answers too) is not one to win against, and leading by the margin it counts as the right one: the two facts
/// are not pushed apart on the text, nor another class pushed down when either leads. The weights kept are the
/// average over all steps, which keeps a late mistake from swinging them. Naive
/// Bayes counts how often a class's texts used a word; this learns which words tell two classes apart, and which
/// questions are on other subjects (decision 006, round 19).
/// </summary>
/// <remarks>
/// Learning takes about a second, more than the rest of <c>ask</c>'s start costs (docs/benchmarks.md, round 21); so the weights are
/// kept in a cache folder under a name made of a hash of all that went into them (<see cref="Learn"/>). The same texts
/// always give the same weights, cached or not.
/// </remarks>
internal sealed class AveragedPerceptron
{
    /// <summary>Passes over the texts: 1, 2, 3 and 5 passes gave 90.1, 90.9, 91.2 and 91.5 % right out of sample.</summary>
    private const int Epochs = 5;

    /// <summary>
    /// By how much a fact must lead for a question asked of it to count as learned (a step adds a vector of length 1).
    /// Out of sample on the tuning part, 1, 1.5, 2, 2.5 and 3 were tried: a wider margin answers more questions right
    /// (90.0, 90.8, 91.4 % at 1, 1.5, 2), but alone also more questions on other subjects and on missing details, which
    /// <see cref="OtherMargin"/> takes back (decision 006, round 21).
    /// </summary>
    private const double Margin = 2;

    /// <summary>
    /// By how much "another subject" or "a detail no source gives" must lead for a question of theirs to count as learned.
    /// With <see cref="Margin"/> at 2, 2, 3, 4, 6, 8 and 10 were tried: 6 kept most of the margin's gain in right answers
    /// and gave the fewest wrong ones (from 581 at 1 and 1 to 555 of 26 081 questions; 8 and 10 about as many).
    /// </summary>
    private const double OtherMargin = 6;

    /// <summary>The shuffle's seed: the same texts always give the same weights.</summary>
    private const int Seed = 1925;

    /// <summary>The cache files' format and the learning's own settings: a change to either must change this.</summary>
    private const int Version = 3;

    private const int Magic = 0x50414254; // "TBAP"

    private const string Prefix = "perceptron";

    /// <summary>Per token's number, its inverse document frequency.</summary>
    private readonly float[] idf;

    /// <summary>Where each token's weights start in <see cref="classes"/> and <see cref="weights"/> (one more at the end).</summary>
    private readonly int[] starts;

    /// <summary>Per token in turn, the classes whose averaged weight for it is not zero ...</summary>
    private readonly int[] classes;

    /// <summary>... and those weights.</summary>
    private readonly float[] weights;

    private AveragedPerceptron(float[] idf, int[] starts, int[] classes, float[] weights)
    {
        this.idf = idf;
        this.starts = starts;
        this.classes = classes;
        this.weights = weights;
    }

    /// <summary>Whether the weights were read from the cache rather than learned.</summary>
    public bool Cached { get; private init; }

    /// <summary>
    /// The perceptron learned from <paramref name="documents"/>: read from <paramref name="cache"/> when a file there
    /// was learned from the same texts, else learned and written there for the next start. A cache that cannot be read
    /// or written is only a slower start.
    /// </summary>
    /// <param name="tokens">How many tokens there are: their numbers run from 0 to this.</param>
    /// <param name="documents">
    /// The texts to learn: each its class's number, its tokens' numbers (a repeated token each time), how many times it
    /// counts, and the other classes that answer it as well (null for none).
    /// </param>
    /// <param name="others">
    /// The first class of those learned with <see cref="OtherMargin"/> (another subject, a detail no source gives): the
    /// classes from it on. The classes before it are facts.
    /// </param>
    /// <param name="cache">The cache folder, or null for none.</param>
    public static AveragedPerceptron Learn(int tokens, IReadOnlyList<(int Class, int[] Tokens, int Weight, int[]? Also)> documents, int others, string? cache)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var key = Key(tokens, documents, others);
        var path = cache is null ? null : LearnedFiles.PathOf(cache, Prefix, key);
        var classCount = documents.Count == 0 ? 0 : documents.Max(d => d.Class) + 1;
        if (path is not null && TryRead(path, key, tokens, classCount) is { } read)
        {
            return read;
        }

        var learned = Learned(tokens, classCount, documents, others);
        (learned.CacheKey, learned.ClassCount) = (key, classCount);
        if (path is not null)
        {
            TryWrite(learned, path, key);
        }

        return learned;
    }

    /// <summary>
    /// The weights <see cref="Learn"/> kept in <paramref name="cache"/> under <paramref name="key"/> (its
    /// <see cref="CacheKey"/> then), or null when they are not there whole: the classifier's own cache file names them.
    /// </summary>
    public static AveragedPerceptron? Read(string cache, byte[] key, int tokens, int classCount) =>
        TryRead(LearnedFiles.PathOf(cache, Prefix, key), key, tokens, classCount);

    /// <summary>The hash of all that went into the weights, which names their cache file.</summary>
    public byte[] CacheKey { get; private set; } = [];

    /// <summary>
    /// The highest class a text was learned for, plus one (it may be below the classifier's count of classes, when no text
    /// was of the last ones); a read is checked against the same bound.
    /// </summary>
    public int ClassCount { get; private set; }

    /// <summary>Adds the perceptron's score for each class, times <paramref name="factor"/>, to <paramref name="scores"/>.</summary>
    /// <param name="ids">A question's distinct tokens, by number.</param>
    /// <param name="counts">How often the question has each.</param>
    /// <param name="scores">Per class, the score so far.</param>
    /// <param name="factor">What the perceptron's score counts for beside the others.</param>
    public void AddScores(IReadOnlyList<int> ids, IReadOnlyList<int> counts, double[] scores, double factor)
    {
        Span<double> values = ids.Count <= 256 ? stackalloc double[ids.Count] : new double[ids.Count];
        var length = 0.0;
        for (var i = 0; i < ids.Count; i++)
        {
            values[i] = (1 + Math.Log(counts[i])) * idf[ids[i]];
            length += values[i] * values[i];
        }

        if (length == 0)
        {
            return;
        }

        var scale = factor / Math.Sqrt(length);
        for (var i = 0; i < ids.Count; i++)
        {
            var value = values[i] * scale;
            for (var j = starts[ids[i]]; j < starts[ids[i] + 1]; j++)
            {
                scores[classes[j]] += value * weights[j];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static AveragedPerceptron Learned(int tokens, int count, IReadOnlyList<(int Class, int[] Tokens, int Weight, int[]? Also)> documents, int others)
    {
        var frequency = new int[tokens];
        var vectors = new (int[] Ids, float[] Values)[documents.Count];
        var texts = 0;
        for (var i = 0; i < documents.Count; i++)
        {
            vectors[i] = Counted(documents[i].Tokens);
            foreach (var token in vectors[i].Ids)
            {
                frequency[token] += documents[i].Weight;
            }

            texts += documents[i].Weight;
        }

        float[] idf = [.. frequency.Select(df => (float)(Math.Log((1.0 + texts) / (1.0 + df)) + 1))];
        foreach (var (ids, values) in vectors)
        {
            Weigh(idf, ids, values);
        }

        var learning = new Learning(frequency, count);
        var scores = new float[count + Vector<float>.Count];
        var order = new int[texts];
        for (int i = 0, at = 0; i < documents.Count; i++)
        {
            for (var copy = 0; copy < documents[i].Weight; copy++)
            {
                order[at++] = i;
            }
        }

        var random = new Random(Seed);
        var step = 1L;
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var i in order)
            {
                var (ids, values) = vectors[i];
                Array.Clear(scores);
                learning.Score(ids, values, scores);
                var truth = documents[i].Class;
                scores[truth] -= (float)(truth < others ? Margin : OtherMargin);
                var also = documents[i].Also;
                var winner = -1;
                for (var c = 0; c < count; c++)
                {
                    if ((winner < 0 || scores[c] > scores[winner]) && (also is null || Array.IndexOf(also, c) < 0))
                    {
                        winner = c;
                    }
                }

                // A class readers judged to answer the text as well is as good as its own: when it leads the rest by the
                // margin, the text counts as learned, and no other class is pushed down for it.
                var held = truth;
                foreach (var c in also ?? [])
                {
                    if (scores[c] - (float)Margin > scores[held])
                    {
                        held = c;
                    }
                }

                if (winner != truth && (held == truth || scores[held] - (float)Margin < scores[winner]))
                {
                    learning.Update(ids, values, truth, winner, step);
                }

                step++;
            }
        }

        var (starts, classes, weights) = learning.Averaged(step, count);
        return new AveragedPerceptron(idf, starts, classes, weights);
    }

    /// <summary>
    /// A hash of all that goes into the weights: the format's version, the learning's settings (with the first of the
    /// other classes), the runtime and processor
    /// (whose logarithms and shuffle the learning uses), the number of tokens and every text.
    /// </summary>
    private static byte[] Key(int tokens, IReadOnlyList<(int Class, int[] Tokens, int Weight, int[]? Also)> documents, int others)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<int> header =
        [
            Version, Epochs, BitConverter.SingleToInt32Bits((float)Margin), BitConverter.SingleToInt32Bits((float)OtherMargin), others, Seed, tokens,
            documents.Count,
        ];
        hash.AppendData(MemoryMarshal.AsBytes(header));
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(RuntimeInformation.FrameworkDescription + " " + RuntimeInformation.ProcessArchitecture));
        foreach (var (@class, ids, weight, also) in documents)
        {
            Span<int> text = [@class, weight, ids.Length, also?.Length ?? 0];
            hash.AppendData(MemoryMarshal.AsBytes(text));
            hash.AppendData(MemoryMarshal.AsBytes(ids.AsSpan()));
            hash.AppendData(MemoryMarshal.AsBytes(also.AsSpan()));
        }

        return hash.GetHashAndReset()[..16];
    }

    /// <summary>A hash of the weights themselves, kept in the file: a file damaged on disk is never read as weights.</summary>
    private static byte[] ContentHash(float[] idf, int[] starts, int[] classes, float[] weights)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(MemoryMarshal.AsBytes(idf.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(starts.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(classes.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(weights.AsSpan()));
        return hash.GetHashAndReset();
    }

    /// <summary>
    /// The weights in <paramref name="path"/>, or null when it is missing, of another key, of another length than its
    /// header promises (checked before anything is allocated), or damaged in any way its hash, order, classes or numbers
    /// show. A file read is touched, so that the newest files kept are those in use.
    /// </summary>
    private static AveragedPerceptron? TryRead(string path, byte[] key, int tokens, int classCount)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new BinaryReader(stream);
            const int Header = (4 * sizeof(int)) + 16 + 32;
            if (stream.Length < Header || stream.Length > LearnedFiles.MaxLength || reader.ReadInt32() != Magic || reader.ReadInt32() != Version
                || !reader.ReadBytes(key.Length).AsSpan().SequenceEqual(key) || reader.ReadInt32() != tokens
                || reader.ReadInt32() is not (>= 0 and var count)
                || stream.Length != Header + (((2L * tokens) + 1 + (2L * count)) * sizeof(int)))
            {
                return null;
            }

            var content = reader.ReadBytes(32);
            var idf = LearnedFiles.Read<float>(stream, tokens);
            var starts = LearnedFiles.Read<int>(stream, tokens + 1);
            var classes = LearnedFiles.Read<int>(stream, count);
            var weights = LearnedFiles.Read<float>(stream, count);
            var sound = ContentHash(idf, starts, classes, weights).AsSpan().SequenceEqual(content)
                && starts[0] == 0 && starts[tokens] == count && classes.AsSpan().IndexOfAnyExceptInRange(0, classCount - 1) < 0
                && Array.TrueForAll(idf, float.IsFinite) && Array.TrueForAll(weights, float.IsFinite);
            for (var i = 0; sound && i < tokens; i++)
            {
                sound = starts[i] <= starts[i + 1];
            }

            if (!sound)
            {
                return null;
            }

            stream.Dispose();
            LearnedFiles.Touch(path);
            return new AveragedPerceptron(idf, starts, classes, weights) { Cached = true, CacheKey = key, ClassCount = classCount };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Writes the weights to <paramref name="path"/> (<see cref="LearnedFiles.TryWrite"/>).</summary>
    private static void TryWrite(AveragedPerceptron learned, string path, byte[] key) =>
        LearnedFiles.TryWrite(path, Prefix, stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(key);
            writer.Write(learned.idf.Length);
            writer.Write(learned.weights.Length);
            writer.Write(ContentHash(learned.idf, learned.starts, learned.classes, learned.weights));
            writer.Write(MemoryMarshal.AsBytes(learned.idf.AsSpan()));
            writer.Write(MemoryMarshal.AsBytes(learned.starts.AsSpan()));
            writer.Write(MemoryMarshal.AsBytes(learned.classes.AsSpan()));
            writer.Write(MemoryMarshal.AsBytes(learned.weights.AsSpan()));
        });

    /// <summary>
    /// A text's distinct tokens, in order, and how often it has each. <paramref name="tokens"/> is sorted in place and,
    /// when no token repeats (most questions), kept as the list of distinct ones: the caller does not read it again.
    /// </summary>
    private static (int[] Ids, float[] Counts) Counted(int[] tokens)
    {
        Array.Sort(tokens);
        var distinct = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            distinct += i == 0 || tokens[i] != tokens[i - 1] ? 1 : 0;
        }

        var ids = distinct == tokens.Length ? tokens : new int[distinct];
        var counts = new float[distinct];
        for (int i = 0, at = -1; i < tokens.Length; i++)
        {
            if (i == 0 || tokens[i] != tokens[i - 1])
            {
                ids[++at] = tokens[i];
            }

            counts[at]++;
        }

        return (ids, counts);
    }

    /// <summary>Turns counts into tf-idf weights scaled to length 1, in place.</summary>
    private static void Weigh(float[] idf, int[] ids, float[] values)
    {
        var length = 0.0;
        for (var i = 0; i < ids.Length; i++)
        {
            values[i] = (float)((1 + Math.Log(values[i])) * idf[ids[i]]);
            length += values[i] * values[i];
        }

        for (var i = 0; i < ids.Length; i++)
        {
            values[i] = (float)(values[i] / Math.Sqrt(length));
        }
    }

    /// <summary>
    /// The weights while learning. A token in many texts (<see cref="DenseFrom"/>) gets weight in many classes and has a
    /// full row of them, added to a text's scores all at once; any other token gets weight in a few classes only and
    /// keeps a chain of (class, weight) slots. Beside each weight, the sum of its changes, each times the step it came at.
    /// Every array is small (a row, or a chunk of <see cref="ChunkSize"/> slots): growing never copies a large one, and
    /// the GC can compact them, which matters under the bot's heap cap while an old fact base still answers.
    /// </summary>
    private sealed class Learning
    {
        /// <summary>
        /// A token in this many texts or more has a full row of weights: a row costs as much as 64 slots, and a rarer
        /// token rarely gets weight in that many classes.
        /// </summary>
        private const int DenseFrom = 100;

        /// <summary>Slots a chunk: 2048 of 24 bytes stay under the large object heap's 85 000.</summary>
        private const int ChunkSize = 2048;

        private readonly int tokens;
        private readonly int width;
        private readonly int[] rowOf;
        private readonly float[][] rows;
        private readonly double[][] rowChanges;
        private readonly int[] head;
        private readonly List<Slot[]> chunks = [];
        private int slots;

        public Learning(int[] frequency, int classes)
        {
            tokens = frequency.Length;
            width = (classes + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;
            rowOf = new int[tokens];
            var count = 0;
            for (var token = 0; token < tokens; token++)
            {
                rowOf[token] = frequency[token] >= DenseFrom ? count++ : -1;
            }

            rows = new float[count][];
            rowChanges = new double[count][];
            for (var row = 0; row < count; row++)
            {
                rows[row] = new float[width];
                rowChanges[row] = new double[width];
            }

            head = new int[tokens];
            Array.Fill(head, -1);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Score(int[] ids, float[] values, float[] scores)
        {
            var total = scores.AsSpan(0, width);
            for (var i = 0; i < ids.Length; i++)
            {
                if (rowOf[ids[i]] is var row and >= 0)
                {
                    var weights = rows[row].AsSpan();
                    var value = new Vector<float>(values[i]);
                    for (var c = 0; c < width; c += Vector<float>.Count)
                    {
                        var sum = new Vector<float>(total[c..]) + (value * new Vector<float>(weights[c..]));
                        sum.CopyTo(total[c..]);
                    }
                }
                else
                {
                    for (var at = head[ids[i]]; at >= 0;)
                    {
                        ref var slot = ref chunks[at / ChunkSize][at % ChunkSize];
                        scores[slot.Class] += values[i] * slot.Weight;
                        at = slot.Next;
                    }
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Update(int[] ids, float[] values, int truth, int winner, long step)
        {
            for (var i = 0; i < ids.Length; i++)
            {
                Add(ids[i], truth, values[i], step);
                Add(ids[i], winner, -values[i], step);
            }
        }

        /// <summary>
        /// The averaged weights by token: the weight at the end less the changes weighted by when they came, over
        /// <paramref name="steps"/>, which is the mean of the weight over every step.
        /// </summary>
        public (int[] Starts, int[] Classes, float[] Weights) Averaged(long steps, int classes)
        {
            var starts = new int[tokens + 1];
            for (var pass = 0; pass < 2; pass++)
            {
                var (kept, classOf, weightOf) = pass == 0 ? (0, null, null) : (0, new int[starts[tokens]], new float[starts[tokens]]);
                for (var token = 0; token < tokens; token++)
                {
                    if (pass == 0)
                    {
                        starts[token] = kept;
                    }

                    foreach (var (@class, mean) in Means(token, steps, classes))
                    {
                        if (pass == 1)
                        {
                            (classOf![kept], weightOf![kept]) = (@class, (float)mean);
                        }

                        kept++;
                    }
                }

                if (pass == 0)
                {
                    starts[tokens] = kept;
                }
                else
                {
                    return (starts, classOf!, weightOf!);
                }
            }

            throw new UnreachableException();
        }

        /// <summary>A token's averaged weights that are not zero, by class.</summary>
        private IEnumerable<(int Class, double Mean)> Means(int token, long steps, int classes)
        {
            if (rowOf[token] is var row and >= 0)
            {
                for (var c = 0; c < classes; c++)
                {
                    if (rows[row][c] - (rowChanges[row][c] / steps) is var mean and not 0)
                    {
                        yield return (c, mean);
                    }
                }

                yield break;
            }

            for (var at = head[token]; at >= 0;)
            {
                var slot = chunks[at / ChunkSize][at % ChunkSize];
                if (slot.Weight - (slot.Changes / steps) is var mean and not 0)
                {
                    yield return (slot.Class, mean);
                }

                at = slot.Next;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Add(int token, int @class, float delta, long step)
        {
            if (rowOf[token] is var row and >= 0)
            {
                rows[row][@class] += delta;
                rowChanges[row][@class] += step * delta;
                return;
            }

            var at = head[token];
            while (at >= 0 && chunks[at / ChunkSize][at % ChunkSize].Class != @class)
            {
                at = chunks[at / ChunkSize][at % ChunkSize].Next;
            }

            if (at < 0)
            {
                if (slots % ChunkSize == 0)
                {
                    chunks.Add(new Slot[ChunkSize]);
                }

                at = slots++;
                chunks[at / ChunkSize][at % ChunkSize] = new Slot { Next = head[token], Class = @class };
                head[token] = at;
            }

            ref var slot = ref chunks[at / ChunkSize][at % ChunkSize];
            slot.Weight += delta;
            slot.Changes += step * delta;
        }

        private struct Slot
        {
            public int Next;
            public int Class;
            public float Weight;
            public double Changes;
        }
    }
}
