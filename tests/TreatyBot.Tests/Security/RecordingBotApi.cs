using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.Tests.Security;

/// <summary>
/// The Bot API as an in-memory <see cref="HttpMessageHandler"/> under the real TelegramBotClient: records every call
/// and answers it like Telegram does when all is well. For running thousands of updates through the bot in seconds.
/// </summary>
internal sealed class RecordingBotApi : HttpMessageHandler
{
    private readonly Lock gate = new();
    private readonly List<RecordedCall> calls = [];
    private int nextMessageId = 1;

    public int Count
    {
        get
        {
            lock (gate)
            {
                return calls.Count;
            }
        }
    }

    /// <summary>The calls made since call number <paramref name="from"/>.</summary>
    public IReadOnlyList<RecordedCall> Since(int from)
    {
        lock (gate)
        {
            return calls[from..];
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var method = request.RequestUri!.Segments[^1];
        var text = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var body = string.IsNullOrWhiteSpace(text) ? [] : JsonNode.Parse(text)?.AsObject() ?? [];
        JsonNode result;
        lock (gate)
        {
            calls.Add(new RecordedCall(method, body, Failed: false));
            result = method.ToLowerInvariant() switch
            {
                "getme" => Bot(),
                "sendmessage" => new JsonObject
                {
                    ["message_id"] = ++nextMessageId,
                    ["date"] = 1_700_000_000,
                    ["chat"] = new JsonObject { ["id"] = body["chat_id"]?.DeepClone(), ["type"] = "private" },
                    ["from"] = Bot(),
                    ["text"] = "(text)",
                },
                "getupdates" => new JsonArray(),
                _ => true,
            };
        }

        var payload = new JsonObject { ["ok"] = true, ["result"] = result }.ToJsonString(JsonSerializerOptions.Web);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
    }

    private static JsonObject Bot() => new()
    {
        ["id"] = FakeBotApi.BotId, ["is_bot"] = true, ["first_name"] = "Treaty", ["username"] = FakeBotApi.BotUsername,
    };
}
