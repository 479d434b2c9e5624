using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Ru;
using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;
using Lucene.Net.Util;

namespace TreatyBot.Knowledge.Matching;

/// <summary>A word of analysed text: its stem and where the word stands in the text.</summary>
internal readonly record struct Token(string Stem, int Start, int End)
{
    public int Length => End - Start;
}

/// <summary>
/// Lucene analysis for questions and facts alike: standard tokenizer, lower case, ё read as е, and a Snowball stemmer
/// chosen per word by its script (Russian for Cyrillic, English for Latin). No stop words are removed: когда, кто, где
/// carry intent; <see cref="StopStems"/> lets the matcher weigh the rest of them lightly instead.
/// </summary>
internal sealed class TreatyAnalyzer : Analyzer
{
    [ThreadStatic]
    private static TreatyAnalyzer? forThread;

    /// <summary>
    /// Lucene analyzers reuse their token streams per thread; one analyzer per thread keeps matching lock-free.
    /// </summary>
    public static TreatyAnalyzer ForThread => forThread ??= new TreatyAnalyzer();

    /// <summary>The stems of the Snowball stop words of Russian and English (и, какой, the, what…).</summary>
    public static IReadOnlySet<string> StopStems { get; } = BuildStopStems();

    /// <summary>The words of <paramref name="text"/>, in order, as stems with their places in the text.</summary>
    public List<Token> Tokens(string text)
    {
        var tokens = new List<Token>((text.Length / 5) + 4);
        using var stream = GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(new Token(term.ToString(), offset.StartOffset, offset.EndOffset));
        }

        stream.End();
        return tokens;
    }

    /// <summary>The stems of <paramref name="text"/>, in order.</summary>
    public List<string> Stems(string text) => Tokens(text).ConvertAll(t => t.Stem);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(LuceneVersion.LUCENE_48, reader);
        return new TokenStreamComponents(tokenizer, new ScriptStemFilter(tokenizer));
    }

    private static HashSet<string> BuildStopStems()
    {
        using var english = IOUtils.GetDecodingReader(typeof(SnowballFilter), "english_stop.txt", Encoding.UTF8);
        var words = RussianAnalyzer.DefaultStopSet.Concat(WordlistLoader.GetSnowballWordSet(english, LuceneVersion.LUCENE_48));
        using var analyzer = new TreatyAnalyzer();
        return analyzer.Stems(string.Join(' ', words)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Lower-cases a token and reads ё as е, then stems it with the Snowball stemmer of its script; numbers and other
    /// scripts pass unchanged. One filter instead of Lucene's LowerCaseFilter and a MappingCharFilter: those go through
    /// ICU character by character and allocate kilobytes per question, which the matcher cannot afford.
    /// </summary>
    private sealed class ScriptStemFilter : TokenFilter
    {
        private readonly ICharTermAttribute term;
        /// <summary>Stems already worked out, by folded word: the fact base repeats its words many times.</summary>
        private const int MaxCached = 20_000;

        private readonly SnowballProgram russian = new RussianStemmer();
        private readonly SnowballProgram english = new EnglishStemmer();
        private readonly Dictionary<string, string> cache = new(StringComparer.Ordinal);

        /// <summary>
        /// Words the stemmer would fold onto another word the matcher reads: «дать» onto «дата» (a "when" question),
        /// «готов» onto «Гото» (a person), «долго» onto «долги» («какие долги» is not «как долго», "how long"). Each
        /// keeps a stem of its own.
        /// </summary>
        private static readonly Dictionary<string, string> OwnStems = new(StringComparer.Ordinal)
        {
            ["долго"] = "долго",
            ["дать"] = "дать",
            ["готов"] = "готов",
            ["готова"] = "готов",
            ["готово"] = "готов",
            ["готовы"] = "готов",
        };

        public ScriptStemFilter(TokenStream input)
            : base(input)
        {
            term = AddAttribute<ICharTermAttribute>();
        }

        public override bool IncrementToken()
        {
            if (!m_input.IncrementToken())
            {
                return false;
            }

            var text = term.Buffer.AsSpan(0, term.Length);
            foreach (ref var c in text)
            {
                c = Scripts.Fold(c);
            }

            var lookup = cache.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(text, out var known))
            {
                term.SetEmpty().Append(known);
                return true;
            }

            var stemmer = Scripts.Of(text) switch
            {
                Script.Cyrillic => russian,
                Script.Latin => english,
                _ => null,
            };
            if (stemmer is null)
            {
                return true;
            }

            if (OwnStems.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var own))
            {
                term.SetEmpty().Append(own);
                return true;
            }

            var word = cache.Count < MaxCached ? new string(text) : null;
            stemmer.SetCurrent(term.Buffer, term.Length);
            stemmer.Stem();
            term.CopyBuffer(stemmer.CurrentBuffer, 0, stemmer.CurrentBufferLength);
            if (word is not null)
            {
                cache[word] = term.ToString();
            }

            return true;
        }
    }
}
