namespace TreatyBot.Knowledge.Matching;

/// <summary>
/// The third look of <see cref="FactClassifier"/>: how close a question comes to the single nearest text each class
/// learned from (a question of examples.tsv, a fact's own question, keyword, title or answer). Naive Bayes and the
/// perceptron add up what every word says about a class; a question asked almost word for word before is a stronger
/// sign than many words that lean one way, and a question closest to one asked of another fact is a warning. Closeness is
/// the cosine of the two texts' token sets (the classifier's tokens), each token weighted by its rarity,
/// ln(texts / texts holding it), the commonest left out (<see cref="MostShared"/>). A text counts for its class and for
/// the classes readers judged to answer it as well.
/// </summary>
internal sealed class NearestExamples
{
    /// <summary>
    /// A token held by more than this share of the texts is left out («когда», «договор»): it says little about which text
    /// is nearest, and reading its texts cost most of the time. Out of sample on the tuning part, leaving out those above
    /// 1 % gave the gate the same figures as keeping every token (397 wrong against 398) at a fifth of the time (round 29).
    /// </summary>
    private const double MostShared = 0.01;

    /// <summary>Where each token's texts start in <see cref="texts"/> (one more at the end).</summary>
    private readonly int[] starts;

    /// <summary>Per token in turn, the texts holding it.</summary>
    private readonly int[] texts;

    /// <summary>Per token, its squared weight.</summary>
    private readonly float[] weight;

    /// <summary>Per text, the length of its weighted vector.</summary>
    private readonly float[] length;

    /// <summary>Per text, its classes: its own first, then those that answer it as well.</summary>
    private readonly int[][] classesOf;

    public NearestExamples(int tokens, IReadOnlyList<(int Class, int[] Tokens, int Weight, int[]? Also)> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);

        // A text's tokens may repeat: each counts once, told by the last text that held it (its number plus one).
        var lastText = new int[tokens];
        var holding = new int[tokens];
        for (var i = 0; i < documents.Count; i++)
        {
            foreach (var token in documents[i].Tokens)
            {
                if (lastText[token] != i + 1)
                {
                    lastText[token] = i + 1;
                    holding[token]++;
                }
            }
        }

        var most = documents.Count * MostShared;
        weight = new float[tokens];
        starts = new int[tokens + 1];
        for (var token = 0; token < tokens; token++)
        {
            weight[token] = holding[token] == 0 || holding[token] > most ? 0 : (float)Math.Pow(Math.Log((double)documents.Count / holding[token]), 2);
            starts[token + 1] = starts[token] + (weight[token] > 0 ? holding[token] : 0);
        }

        texts = new int[starts[tokens]];
        var next = starts[..tokens];
        length = new float[documents.Count];
        classesOf = new int[documents.Count][];
        Array.Clear(lastText);
        for (var i = 0; i < documents.Count; i++)
        {
            var squares = 0.0;
            foreach (var token in documents[i].Tokens)
            {
                if (weight[token] > 0 && lastText[token] != i + 1)
                {
                    lastText[token] = i + 1;
                    texts[next[token]++] = i;
                    squares += weight[token];
                }
            }

            length[i] = (float)Math.Sqrt(squares);
            classesOf[i] = documents[i].Also is { } also ? [documents[i].Class, .. also] : [documents[i].Class];
        }
    }

    private NearestExamples(int[] starts, int[] texts, float[] weight, float[] length, int[][] classesOf)
    {
        this.starts = starts;
        this.texts = texts;
        this.weight = weight;
        this.length = length;
        this.classesOf = classesOf;
    }

    /// <summary>Writes what was built for the classifier's cache file (<see cref="ReadFrom"/> reads it back).</summary>
    public void WriteTo(LearnedArrayWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write<float>(weight);
        writer.Write<int>(starts);
        writer.Write<int>(texts);
        writer.Write<float>(length);
        var ends = new int[classesOf.Length];
        var total = 0;
        for (var i = 0; i < classesOf.Length; i++)
        {
            ends[i] = total += classesOf[i].Length;
        }

        writer.Write<int>(ends);
        writer.Write<int>([.. classesOf.SelectMany(classes => classes)]);
    }

    /// <summary>
    /// What <see cref="WriteTo"/> wrote for <paramref name="tokens"/> tokens and <paramref name="classes"/> classes, or
    /// null when the arrays do not fit together (a token's texts not in rising order, repeated, or of a text that is not
    /// there; a text without a class, or a class out of range; a weight or length that is no number).
    /// </summary>
    public static NearestExamples? ReadFrom(LearnedArrayReader reader, int tokens, int classes)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var weight = reader.Read<float>(tokens);
        var starts = reader.Read<int>(tokens + 1);
        var texts = reader.Read<int>();
        var length = reader.Read<float>();
        var ends = reader.Read<int>(length.Length);
        var all = reader.Read<int>();
        if (reader.Broken || starts[0] != 0 || starts[tokens] != texts.Length || (ends.Length > 0 && ends[^1] != all.Length)
            || texts.AsSpan().IndexOfAnyExceptInRange(0, length.Length - 1) >= 0 || all.AsSpan().IndexOfAnyExceptInRange(0, classes - 1) >= 0
            || !Array.TrueForAll(weight, w => float.IsFinite(w) && w >= 0) || !Array.TrueForAll(length, float.IsFinite))
        {
            return null;
        }

        for (var token = 0; token < tokens; token++)
        {
            if (starts[token] > starts[token + 1])
            {
                return null;
            }

            // A token's texts in rising order, none twice: a text counted twice would come closer than 1.
            for (var i = starts[token] + 1; i < starts[token + 1]; i++)
            {
                if (texts[i] <= texts[i - 1])
                {
                    return null;
                }
            }
        }

        var classesOf = new int[length.Length][];
        for (var (text, start) = (0, 0); text < length.Length; start = ends[text++])
        {
            if (ends[text] <= start)
            {
                return null;
            }

            classesOf[text] = all[start..ends[text]];
        }

        return new NearestExamples(starts, texts, weight, length, classesOf);
    }

    /// <summary>
    /// Fills <paramref name="nearest"/> (one place per class, zeroed by the caller) with the closeness of
    /// <paramref name="question"/>'s distinct tokens to each class's nearest text, between 0 and 1.
    /// </summary>
    public void Fill(IReadOnlyList<int> question, double[] nearest, Scratch work)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(nearest);
        ArgumentNullException.ThrowIfNull(work);
        work.Reset(length.Length);
        var squares = 0.0;
        foreach (var token in question)
        {
            var w = weight[token];
            if (w == 0)
            {
                continue;
            }

            squares += w;
            for (var i = starts[token]; i < starts[token + 1]; i++)
            {
                var text = texts[i];
                if (work.Shared[text] == 0)
                {
                    work.Touched.Add(text);
                }

                work.Shared[text] += w;
            }
        }

        if (squares == 0)
        {
            return;
        }

        var own = Math.Sqrt(squares);
        foreach (var text in work.Touched)
        {
            var closeness = work.Shared[text] / (own * length[text]);
            foreach (var @class in classesOf[text])
            {
                nearest[@class] = Math.Max(nearest[@class], closeness);
            }
        }
    }

    /// <summary>A thread's working space: the shared weight of each text touched, kept between questions.</summary>
    internal sealed class Scratch
    {
        public float[] Shared { get; private set; } = [];

        public List<int> Touched { get; } = [];

        public void Reset(int count)
        {
            if (Shared.Length != count)
            {
                Shared = new float[count];
            }
            else
            {
                foreach (var text in Touched)
                {
                    Shared[text] = 0;
                }
            }

            Touched.Clear();
        }
    }
}
