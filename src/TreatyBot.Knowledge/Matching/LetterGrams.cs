using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace TreatyBot.Knowledge.Matching;

/// <summary>
/// The fourth look of <see cref="FactClassifier"/>: a multinomial naive Bayes over the four-letter pieces of a question's
/// words (each word read with a space on either side, so that « сах», "ин " tell a word's start and end; a word of one or
/// two letters is one piece), each piece counted once per text, learned from the questions of examples.tsv alone. The
/// word beginnings the classifier reads elsewhere miss a misspelt beginning («сохалин»), a word's ending («договором» and
/// «договоре» share it) and the middle of a compound; the pieces do not. Its chances over the classes (the facts, then
/// "another subject", then "a detail no source gives") go to the answer gate, not into the classifier's own guess: in
/// Python, pieces beside the word beginnings raised the blend's first guess but drowned its sense of another subject
/// (decision 006, round 19), while as the gate's features they gave it more right answers for fewer wrong ones out of
/// fold (decision 014, round 30).
/// </summary>
/// <remarks>
/// Counting the pieces of some 28 000 questions cost <c>ask</c> about a tenth of its start on a machine of two cores, so
/// what is learned is kept in the classifier's cache folder, as the perceptron's weights are, under a hash of the texts,
/// their labels' classes and the settings.
/// </remarks>
internal sealed class LetterGrams
{
    /// <summary>A word's piece is this many letters long (a space before and after the word counts as one).</summary>
    public const int Length = 4;

    /// <summary>Additive smoothing. Out of fold for the gate, 0.05 gave fewer wrong answers than 0.1 (round 30).</summary>
    private const double Alpha = 0.05;

    /// <summary>The cache files' format and the learning's settings: a change to either must change this.</summary>
    private const int Version = 1;

    private const int Magic = 0x474C4254; // "TBLG"

    private const string Prefix = "pieces";

    /// <summary>Each piece's number: its place in <see cref="starts"/>.</summary>
    private readonly Dictionary<long, int> ids;

    /// <summary>Where each piece's postings start in <see cref="classes"/> and <see cref="gains"/> (one more at the end).</summary>
    private readonly int[] starts;

    /// <summary>Per piece in turn, the classes whose texts held it (kept as the cache file holds them, beside <see cref="gains"/>).</summary>
    private readonly int[] classes;

    /// <summary>Per posting, the piece's log-likelihood gain in its class over one the class never saw.</summary>
    private readonly float[] gains;

    /// <summary>Per class, the log-likelihood of a piece it never saw.</summary>
    private readonly double[] unseen;

    /// <summary>Per class, the log of one more than the number of texts it learned from.</summary>
    private readonly double[] prior;

    [ThreadStatic]
    private static HashSet<long>? seen;

    private LetterGrams(Dictionary<long, int> ids, int[] starts, int[] classes, float[] gains, double[] unseen, double[] prior)
    {
        this.ids = ids;
        this.starts = starts;
        this.classes = classes;
        this.gains = gains;
        this.unseen = unseen;
        this.prior = prior;
    }

    /// <summary>Whether what it learned was read from the cache.</summary>
    public bool Cached { get; private init; }

    /// <summary>
    /// The pieces learned from <paramref name="texts"/>: read from <paramref name="cache"/> when a file there was learned
    /// from the same, else counted and written there for the next start. A cache that cannot be read or written is only
    /// a slower start.
    /// </summary>
    /// <param name="texts">The questions of examples.tsv, each with its label's number.</param>
    /// <param name="classOf">Each label's class, or -1 for a label that is none.</param>
    /// <param name="classes">How many classes there are.</param>
    /// <param name="cache">The cache folder, or null for none.</param>
    public static LetterGrams Learn(QuestionTexts texts, IReadOnlyList<int> classOf, int classes, string? cache)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(classOf);
        var key = Key(texts, classOf, classes);
        var path = cache is null ? null : LearnedFiles.PathOf(cache, Prefix, key);
        if (path is not null && TryRead(path, key, classes) is { } read)
        {
            return read;
        }

        var learned = Counted(texts, classOf, classes);
        learned.CacheKey = key;
        if (path is not null)
        {
            LearnedFiles.TryWrite(path, Prefix, stream => learned.Write(stream, key));
        }

        return learned;
    }

    /// <summary>
    /// What <see cref="Learn"/> kept in <paramref name="cache"/> under <paramref name="key"/> (its <see cref="CacheKey"/>
    /// then), or null when it is not there whole: the classifier's own cache file names it.
    /// </summary>
    public static LetterGrams? Read(string cache, byte[] key, int classes) => TryRead(LearnedFiles.PathOf(cache, Prefix, key), key, classes);

    /// <summary>The hash of all that went into what was learned, which names its cache file.</summary>
    public byte[] CacheKey { get; private set; } = [];

    /// <summary>Fills <paramref name="chances"/> (one place per class) with each class's chance for <paramref name="question"/>; they add up to 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Chances(ReadOnlySpan<char> question, Span<double> chances)
    {
        prior.CopyTo(chances);
        var distinct = seen ??= [];
        distinct.Clear();
        var known = 0;
        var pieces = new PieceReader(question);
        while (pieces.Next(out var piece))
        {
            if (!distinct.Add(piece) || !ids.TryGetValue(piece, out var id))
            {
                continue;
            }

            known++;
            for (var i = starts[id]; i < starts[id + 1]; i++)
            {
                chances[classes[i]] += gains[i];
            }
        }

        var top = double.NegativeInfinity;
        for (var c = 0; c < chances.Length; c++)
        {
            chances[c] += known * unseen[c];
            top = Math.Max(top, chances[c]);
        }

        var sum = 0.0;
        for (var c = 0; c < chances.Length; c++)
        {
            chances[c] = Math.Exp(chances[c] - top);
            sum += chances[c];
        }

        for (var c = 0; c < chances.Length; c++)
        {
            chances[c] /= sum;
        }
    }

    /// <summary>
    /// Counts the texts' distinct pieces under their classes. Each word is read into pieces once, the first time it
    /// comes (some 13 000 words make the examples' 290 000); then the texts are gone through class by class, so that
    /// each piece's count in a class is one entry, made when the class first meets the piece.
    /// </summary>
    private static LetterGrams Counted(QuestionTexts texts, IReadOnlyList<int> classOf, int classes)
    {
        var ids = new Dictionary<long, int>();
        var words = new Dictionary<long, int>();
        var piecesOf = new List<int[]>();
        var wordsOf = new List<int>();
        var wordStarts = new int[texts.Count + 1];
        for (var t = 0; t < texts.Count; t++)
        {
            var text = texts.Text(t);
            var position = 0;
            while (position < text.Length)
            {
                while (position < text.Length && !PieceReader.IsWordChar(Scripts.Fold(text[position])))
                {
                    position++;
                }

                var start = position;
                var hash = 14695981039346656037;
                for (; position < text.Length && Scripts.Fold(text[position]) is var c && PieceReader.IsWordChar(c); position++)
                {
                    hash = (hash ^ c) * 1099511628211;
                }

                if (position > start)
                {
                    if (!words.TryGetValue((long)hash, out var word))
                    {
                        word = words[(long)hash] = piecesOf.Count;
                        piecesOf.Add(Numbered(text[start..position], ids));
                    }

                    wordsOf.Add(word);
                }
            }

            wordStarts[t + 1] = wordsOf.Count;
        }

        var classOfText = new int[texts.Count];
        var order = new int[texts.Count];
        for (var t = 0; t < texts.Count; t++)
        {
            var label = texts.Label(t);
            classOfText[t] = label >= 0 && label < classOf.Count ? classOf[label] : -1;
            order[t] = t;
        }

        Array.Sort(classOfText.ToArray(), order);
        var lastText = new int[ids.Count];
        var lastClass = new int[ids.Count];
        Array.Fill(lastClass, -1);
        var entryOf = new int[ids.Count];
        var entries = new List<(int Token, int Class, int Count)>();
        var textsOf = new double[classes];
        var totals = new double[classes];
        foreach (var t in order)
        {
            var @class = classOfText[t];
            if (@class < 0)
            {
                continue;
            }

            textsOf[@class]++;
            foreach (var word in CollectionsMarshal.AsSpan(wordsOf)[wordStarts[t]..wordStarts[t + 1]])
            {
                foreach (var piece in piecesOf[word])
                {
                    if (lastText[piece] == t + 1)
                    {
                        continue;
                    }

                    lastText[piece] = t + 1;
                    totals[@class]++;
                    if (lastClass[piece] != @class)
                    {
                        (lastClass[piece], entryOf[piece]) = (@class, entries.Count);
                        entries.Add((piece, @class, 1));
                    }
                    else
                    {
                        CollectionsMarshal.AsSpan(entries)[entryOf[piece]].Count++;
                    }
                }
            }
        }

        var (starts, postings) = FactClassifier.Postings(entries, ids.Count, classes, Alpha);
        return new LetterGrams(
            ids,
            starts,
            [.. postings.Select(p => p.Class)],
            [.. postings.Select(p => p.Gain)],
            [.. totals.Select(total => Math.Log(Alpha) - Math.Log(total + (Alpha * ids.Count)))],
            [.. textsOf.Select(n => Math.Log(n + 1))]);
    }

    /// <summary>The numbers of a word's pieces, numbering in <paramref name="ids"/> those not met before.</summary>
    private static int[] Numbered(ReadOnlySpan<char> word, Dictionary<long, int> ids)
    {
        var found = new List<int>(word.Length + 1);
        var pieces = new PieceReader(word);
        while (pieces.Next(out var piece))
        {
            if (!ids.TryGetValue(piece, out var id))
            {
                id = ids[piece] = ids.Count;
            }

            found.Add(id);
        }

        return [.. found];
    }

    private static byte[] Key(QuestionTexts texts, IReadOnlyList<int> classOf, int classes)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<int> header = [Version, Length, BitConverter.SingleToInt32Bits((float)Alpha), classes, classOf.Count];
        hash.AppendData(MemoryMarshal.AsBytes(header));
        hash.AppendData(MemoryMarshal.AsBytes(classOf.ToArray().AsSpan()));
        texts.AppendTo(hash);

        return hash.GetHashAndReset()[..16];
    }

    /// <summary>A hash of what was learned, kept in the file: a file damaged on disk is never read as pieces.</summary>
    private static byte[] ContentHash(long[] pieces, int[] starts, int[] classes, float[] gains, double[] unseen, double[] prior)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(MemoryMarshal.AsBytes(pieces.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(starts.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(classes.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(gains.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(unseen.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(prior.AsSpan()));
        return hash.GetHashAndReset();
    }

    private long[] Pieces()
    {
        var pieces = new long[ids.Count];
        foreach (var (piece, id) in ids)
        {
            pieces[id] = piece;
        }

        return pieces;
    }

    private void Write(Stream stream, byte[] key)
    {
        var pieces = Pieces();
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(key);
        writer.Write(pieces.Length);
        writer.Write(gains.Length);
        writer.Write(prior.Length);
        writer.Write(ContentHash(pieces, starts, classes, gains, unseen, prior));
        writer.Write(MemoryMarshal.AsBytes(pieces.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(starts.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(classes.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(gains.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(unseen.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(prior.AsSpan()));
    }

    /// <summary>
    /// What <paramref name="path"/> holds, or null when it is missing, of another key, of another length than its header
    /// promises (checked before anything is allocated), or damaged in any way its hash, order, classes or numbers show.
    /// </summary>
    private static LetterGrams? TryRead(string path, byte[] key, int classCount)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new BinaryReader(stream);
            const int Header = (5 * sizeof(int)) + 16 + 32;
            if (stream.Length < Header || stream.Length > LearnedFiles.MaxLength || reader.ReadInt32() != Magic || reader.ReadInt32() != Version
                || !reader.ReadBytes(key.Length).AsSpan().SequenceEqual(key) || reader.ReadInt32() is not (>= 0 and var count)
                || reader.ReadInt32() is not (>= 0 and var postingCount) || reader.ReadInt32() != classCount
                || stream.Length != Header + (count * sizeof(long)) + ((count + 1L + postingCount) * sizeof(int))
                    + (postingCount * (long)sizeof(float)) + (2L * classCount * sizeof(double)))
            {
                return null;
            }

            var content = reader.ReadBytes(32);
            var pieces = LearnedFiles.Read<long>(stream, count);
            var starts = LearnedFiles.Read<int>(stream, count + 1);
            var classes = LearnedFiles.Read<int>(stream, postingCount);
            var gains = LearnedFiles.Read<float>(stream, postingCount);
            var unseen = LearnedFiles.Read<double>(stream, classCount);
            var prior = LearnedFiles.Read<double>(stream, classCount);
            var sound = ContentHash(pieces, starts, classes, gains, unseen, prior).AsSpan().SequenceEqual(content)
                && starts[0] == 0 && starts[count] == postingCount && classes.AsSpan().IndexOfAnyExceptInRange(0, classCount - 1) < 0
                && Array.TrueForAll(gains, float.IsFinite) && Array.TrueForAll(unseen, double.IsFinite) && Array.TrueForAll(prior, double.IsFinite);
            for (var i = 0; sound && i < count; i++)
            {
                sound = starts[i] <= starts[i + 1];
            }

            var ids = new Dictionary<long, int>(count);
            for (var i = 0; sound && i < count; i++)
            {
                sound = ids.TryAdd(pieces[i], i);
            }

            if (!sound)
            {
                return null;
            }

            stream.Dispose();
            LearnedFiles.Touch(path);
            return new LetterGrams(ids, starts, classes, gains, unseen, prior) { Cached = true, CacheKey = key };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The pieces of a text, each as a 64-bit number made of its four characters (16 bits each; a piece of a short word
    /// has fewer): a word is a run of Latin or Cyrillic letters and digits, as the index folds them (the classifier's
    /// <see cref="TokenCounts.TokenReader"/> reads the same words), read with a space before and after.
    /// </summary>
    internal ref struct PieceReader(ReadOnlySpan<char> text)
    {
        private readonly ReadOnlySpan<char> text = text;
        private int position;

        /// <summary>The last characters read of the current word, the space before it first, one per 16 bits.</summary>
        private ulong window;

        /// <summary>How many characters of the current padded word are in <see cref="window"/>, or 0 between words.</summary>
        private int held;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool Next(out long piece)
        {
            while (true)
            {
                if (held > 0)
                {
                    var c = position < text.Length ? Scripts.Fold(text[position]) : ' ';
                    var inWord = IsWordChar(c);
                    window = (window << 16) | (inWord ? c : ' ');
                    held++;
                    position++;
                    var full = held >= Length;
                    if (!inWord)
                    {
                        // The space after the word: its last piece, or the whole of a word too short for one.
                        held = 0;
                        piece = Spread(window);
                        return true;
                    }

                    if (full)
                    {
                        piece = Spread(window);
                        return true;
                    }

                    continue;
                }

                while (position < text.Length && !IsWordChar(Scripts.Fold(text[position])))
                {
                    position++;
                }

                if (position >= text.Length)
                {
                    piece = 0;
                    return false;
                }

                (window, held) = (' ', 1);
            }
        }

        /// <summary>
        /// The piece's characters, multiplied by an odd number (which keeps them apart): a dictionary folds a long's two
        /// halves into its hash, and two pieces' characters folded so would often meet.
        /// </summary>
        private static long Spread(ulong characters) => (long)(characters * 0x9E3779B97F4A7C15);

        public static bool IsWordChar(char c) => c is >= 'a' and <= 'z' or >= 'а' and <= 'я' or >= '0' and <= '9';
    }
}
