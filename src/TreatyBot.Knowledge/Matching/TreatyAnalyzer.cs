using Lucene.Net.Analysis;
using Lucene.Net.Analysis.CharFilters;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;
using Lucene.Net.Util;

namespace TreatyBot.Knowledge.Matching;

/// <summary>
/// Lucene analysis for questions and facts alike: standard tokenizer, lower case, ё read as е, and a Snowball stemmer
/// chosen per word by its script (Russian for Cyrillic, English for Latin). No stop words: когда, кто, где carry intent.
/// </summary>
internal sealed class TreatyAnalyzer : Analyzer
{
    private static readonly NormalizeCharMap YoMap = BuildYoMap();

    /// <summary>The stems of <paramref name="text"/>, in order.</summary>
    public List<string> Stems(string text)
    {
        var stems = new List<string>();
        using var stream = GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            stems.Add(term.ToString());
        }

        stream.End();
        return stems;
    }

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(LuceneVersion.LUCENE_48, reader);
        TokenStream stream = new LowerCaseFilter(LuceneVersion.LUCENE_48, tokenizer);
        stream = new ScriptStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }

    protected override TextReader InitReader(string fieldName, TextReader reader) => new MappingCharFilter(YoMap, reader);

    private static NormalizeCharMap BuildYoMap()
    {
        var builder = new NormalizeCharMap.Builder();
        builder.Add("ё", "е");
        builder.Add("Ё", "Е");
        return builder.Build();
    }

    /// <summary>Stems each token with the Snowball stemmer of its script; numbers and other scripts pass unchanged.</summary>
    private sealed class ScriptStemFilter : TokenFilter
    {
        private readonly ICharTermAttribute term;
        private readonly SnowballProgram russian = new RussianStemmer();
        private readonly SnowballProgram english = new EnglishStemmer();

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

            var stemmer = ScriptOf(term.Buffer, term.Length) switch
            {
                Script.Cyrillic => russian,
                Script.Latin => english,
                _ => null,
            };
            if (stemmer is not null)
            {
                stemmer.SetCurrent(term.Buffer, term.Length);
                stemmer.Stem();
                term.CopyBuffer(stemmer.CurrentBuffer, 0, stemmer.CurrentBufferLength);
            }

            return true;
        }

        private static Script ScriptOf(char[] buffer, int length)
        {
            for (var i = 0; i < length; i++)
            {
                var c = buffer[i];
                if (c is >= '\u0400' and <= '\u04FF')
                {
                    return Script.Cyrillic;
                }

                if (c is >= 'a' and <= 'z')
                {
                    return Script.Latin;
                }
            }

            return Script.Other;
        }

        private enum Script
        {
            Other,
            Cyrillic,
            Latin,
        }
    }
}
