using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Requests;

namespace TreatyBot.Delivery;

/// <summary>
/// Request bodies a third of the size Telegram.Bot makes them. Its JSON options escape every character outside ASCII
/// (<c>\u041F</c> for "П", <c>\u003C</c> for "&lt;"), so a Russian answer grows threefold on the wire and is sent
/// chunked. These options write UTF-8 text as it is — quotes, backslashes, control characters and characters outside
/// the BMP are still escaped, so any JSON reader sees the same values — and the body goes with a Content-Length.
/// </summary>
internal static class CompactJson
{
    // "Unsafe" is about embedding JSON in an HTML page, which a request body to the Bot API never is.
    private static readonly JsonSerializerOptions Options = new(JsonBotAPI.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    public static HttpContent Content<TRequest>(TRequest request)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, Options));
        content.Headers.ContentType = Json;
        return content;
    }
}

/// <summary>sendMessage with a compact body (<see cref="CompactJson"/>).</summary>
internal sealed class CompactSendMessageRequest : SendMessageRequest
{
    public override HttpContent? ToHttpContent() => CompactJson.Content<SendMessageRequest>(this);
}

/// <summary>answerInlineQuery with a compact body (<see cref="CompactJson"/>): ten results of cited answers.</summary>
internal sealed class CompactAnswerInlineQueryRequest : AnswerInlineQueryRequest
{
    public override HttpContent? ToHttpContent() => CompactJson.Content<AnswerInlineQueryRequest>(this);
}
