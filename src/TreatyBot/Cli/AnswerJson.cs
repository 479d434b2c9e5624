using System.Text.Encodings.Web;
using System.Text.Json;
using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Facts;
using TreatyBot.Knowledge.Matching;
using TreatyBot.Rendering;

namespace TreatyBot.Cli;

/// <summary>The <c>ask --json</c> record of one answer: what the quality evaluation reads.</summary>
internal static class AnswerJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Answer answer, FactBase facts, bool explain = false)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            var language = answer.Language;
            json.WriteStartObject();
            json.WriteString("question", answer.Question);
            json.WriteString("language", language.Code());
            json.WriteBoolean("abstained", answer.Abstained);
            json.WriteString("kind", answer.Kind.ToString().ToLowerInvariant());
            json.WriteString("factId", answer.Fact?.Id);
            json.WriteNumber("score", Math.Round(answer.Score, 4));
            json.WriteString("answer", AnswerRenderer.PlainReply(answer));
            // The seed excerpt belongs to the answer (it is a span of the seed article, not of each source).
            json.WriteString("excerpt", answer.Fact?.Excerpt);
            json.WriteStartArray("citations");
            foreach (var citation in answer.Fact?.Citations ?? [])
            {
                json.WriteStartObject();
                json.WriteString("title", citation.Source.Title[language]);
                json.WriteString("url", citation.Source.Url.AbsoluteUri);
                json.WriteString("locator", citation.Locator?[language]);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("candidates");
            foreach (var candidate in answer.Candidates)
            {
                json.WriteStartObject();
                json.WriteString("factId", candidate.Fact.Id);
                json.WriteString("title", candidate.Fact.Title[language]);
                json.WriteNumber("score", Math.Round(candidate.Score, 4));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("html", AnswerRenderer.ToHtml(answer, facts));
            if (explain && answer.Match is { } match)
            {
                WriteExplanation(json, match, facts.Lexicon);
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>How the question was read and the best facts with their features, for curators and for tuning.</summary>
    private static void WriteExplanation(Utf8JsonWriter json, MatchResult match, Lexicon lexicon)
    {
        var reading = match.Reading;
        json.WriteStartObject("reading");
        json.WriteString("terms", string.Join(' ', reading.Terms.Select(t => Matcher.Describe(lexicon, t))));
        json.WriteString("asks", string.Join(',', match.Aspects));
        json.WriteString("entities", string.Join(',', reading.Entities));
        json.WriteString("dates", string.Join(',', reading.Dates));
        json.WriteString("detail", string.Join(' ', reading.Detail));
        json.WriteNumber("filler", reading.Filler);
        json.WriteString("unknown", string.Join(' ', reading.Unknown));
        json.WriteNumber("unknownShare", reading.ContentWeight > 0 ? Math.Round(reading.UnknownWeight / reading.ContentWeight, 4) : 0);
        json.WriteEndObject();
        json.WriteStartArray("top");
        foreach (var scored in match.Top)
        {
            json.WriteStartObject();
            json.WriteString("factId", scored.Fact.Id);
            json.WriteNumber("score", Math.Round(scored.Score, 4));
            json.WriteNumber("rank", Math.Round(scored.Rank, 4));
            json.WriteNumber("focus", Math.Round(scored.Focus, 4));
            json.WriteNumber("known", Math.Round(scored.Known, 4));
            json.WriteNumber("fit", Math.Round(scored.Fit, 4));
            json.WriteBoolean("otherKind", scored.OtherKind);
            json.WriteString("lacks", string.Join(' ', scored.LacksCount ? [.. scored.Lacks, "(a number)"] : scored.Lacks));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (match.Learned is { } learned)
        {
            json.WriteStartObject("learned");
            json.WriteString("factId", learned.Fact.Id);
            json.WriteNumber("margin", Math.Round(learned.Margin, 4));
            json.WriteNumber("lead", Math.Round(learned.Lead, 4));
            json.WriteEndObject();
        }
    }
}
