using System.Text.Encodings.Web;
using System.Text.Json;
using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Facts;
using TreatyBot.Rendering;

namespace TreatyBot.Cli;

/// <summary>The <c>ask --json</c> record of one answer: what the quality evaluation reads.</summary>
internal static class AnswerJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Answer answer, UiTexts texts)
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
            json.WriteString("answer", answer.Fact is { } fact ? AnswerRenderer.PlainAnswer(fact, language) : answer.Reply);
            json.WriteStartArray("citations");
            foreach (var citation in answer.Fact?.Citations ?? [])
            {
                json.WriteStartObject();
                json.WriteString("title", citation.Source.Title[language]);
                json.WriteString("url", citation.Source.Url.AbsoluteUri);
                json.WriteString("locator", citation.Locator);
                json.WriteString("excerpt", answer.Fact!.Excerpt);
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
            json.WriteString("html", AnswerRenderer.ToHtml(answer, texts));
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
