using System.Text;
using System.Text.Json.Nodes;
using Telegram.Bot.Types.InlineQueryResults;
using Telegram.Bot.Types.ReplyMarkups;
using TreatyBot.Delivery;
using TreatyBot.Rendering;

namespace TreatyBot.Tests.Delivery;

/// <summary>
/// The bodies the bot sends to the Bot API: the same JSON a reader gets from Telegram.Bot's own, at a third of the
/// size for Russian text, with a Content-Length.
/// </summary>
public sealed class CompactRequestsTests
{
    private const string Html = "<b>Конвенция подписана 20 января 1925 года</b> в Пекине — «кавычки», \"quotes\", back\\slash,\nline, tab\t, emoji 📜, <a href=\"https://ru.wikipedia.org/wiki/Пекинский_договор_(1925)\">Википедия</a> &amp; 5 &lt; 6";

    [Fact]
    public async Task SendMessage_ReadsBackAsTheSameMessage_RussianTextUnescaped()
    {
        var request = new CompactSendMessageRequest
        {
            ChatId = 42,
            Text = Html,
            ParseMode = Telegram.Bot.Types.Enums.ParseMode.Html,
            ReplyMarkup = new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("Подписанты", "f:ru:signatories")),
        };

        using var content = request.ToHttpContent()!;
        var bytes = await content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var json = Encoding.UTF8.GetString(bytes);

        Assert.Equal("application/json", content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes.Length, content.Headers.ContentLength);
        Assert.Contains("Конвенция подписана", json, StringComparison.Ordinal);
        var body = JsonNode.Parse(json)!;
        Assert.Equal(42, body["chat_id"]!.GetValue<long>());
        Assert.Equal(Html, body["text"]!.GetValue<string>());
        Assert.Equal("html", body["parse_mode"]!.GetValue<string>(), ignoreCase: true);
        Assert.Equal("f:ru:signatories", body["reply_markup"]!["inline_keyboard"]![0]![0]!["callback_data"]!.GetValue<string>());

        // Telegram.Bot's own body for the same request: the same JSON, \u-escaped (three times as long for Russian text).
        var plain = new Telegram.Bot.Requests.SendMessageRequest { ChatId = 42, Text = Html, ParseMode = request.ParseMode, ReplyMarkup = request.ReplyMarkup };
        var escaped = await plain.ToHttpContent()!.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal(JsonNode.Parse(escaped)!.ToJsonString(), body.ToJsonString());
        Assert.True(bytes.Length < escaped.Length * 0.6, $"{bytes.Length} bytes against {escaped.Length}");
    }

    [Fact]
    public async Task AnswerInlineQuery_KeepsEveryResultAndItsHtml()
    {
        var request = new CompactAnswerInlineQueryRequest
        {
            InlineQueryId = "iq1",
            Results = [new InlineQueryResultArticle("f1", "Дата подписания", new InputTextMessageContent(Html) { ParseMode = Telegram.Bot.Types.Enums.ParseMode.Html })],
            CacheTime = 300,
            NextOffset = "10",
        };

        using var content = request.ToHttpContent()!;
        var body = JsonNode.Parse(await content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;

        Assert.Equal("iq1", body["inline_query_id"]!.GetValue<string>());
        Assert.Equal("10", body["next_offset"]!.GetValue<string>());
        var result = body["results"]![0]!;
        Assert.Equal("article", result["type"]!.GetValue<string>());
        Assert.Equal("Дата подписания", result["title"]!.GetValue<string>());
        Assert.Equal(Html, result["input_message_content"]!["message_text"]!.GetValue<string>());
    }
}
