using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TreatyBot.Tests.Fakes;

/// <summary>
/// A fake Telegram Bot API on 127.0.0.1, for driving the real TelegramBotClient in tests. getUpdates has Telegram's
/// semantics: an offset confirms every update below it, and a call with nothing pending waits up to its timeout.
/// Every other call is recorded; sendMessage and friends answer like Telegram does.
/// </summary>
public sealed class FakeBotApi : IAsyncDisposable
{
    public const string BotUsername = "TreatyTestBot";
    public const long BotId = 123456789;

    private const int MaxVerdicts = 1024;
    private static readonly ConcurrentDictionary<string, string?> Verdicts = new(StringComparer.Ordinal);

    private readonly WebApplication app;
    private readonly TimeProvider time;
    private readonly object gate = new();
    private readonly List<JsonObject> pending = [];
    private readonly ConcurrentQueue<RecordedCall> calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ScriptedFailure>> failures = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim callSignal = new(0);
    private TaskCompletionSource newUpdate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object limitsGate = new();
    private readonly Dictionary<long, DateTimeOffset> holds = [];
    private readonly Dictionary<long, Queue<DateTimeOffset>> chatSends = [];
    private readonly Queue<DateTimeOffset> globalSends = new();
    private readonly HashSet<long> faultedLast = [];
    private readonly ConcurrentQueue<string> violations = new();
    private (int PerChat, int Global)? limits;
    private int tooManyRequests;
    private readonly ConcurrentDictionary<(long Chat, long User), string> members = new();
    private readonly ConcurrentDictionary<long, JsonObject> refusals = new();
    private readonly ConcurrentDictionary<(long Chat, int Thread), string> closedTopics = new();
    private readonly ConcurrentDictionary<long, bool> closedGeneralTopics = new();
    private int nextUpdateId = 1000;
    private int nextMessageId = 1;

    private FakeBotApi(WebApplication app, string token, TimeProvider time)
    {
        this.app = app;
        this.time = time;
        Token = token;
    }

    /// <summary>A well-formed, recognisable test token.</summary>
    public string Token { get; }

    public Uri BaseUrl => new(app.Urls.First());

    public IEnumerable<RecordedCall> Calls => calls;

    /// <summary>
    /// False: calls are only raised through <see cref="Recorded"/>, not kept for <see cref="Calls"/>, <see cref="Sent"/>
    /// and <see cref="WaitForAsync"/>; a load run would otherwise hold every request it made.
    /// </summary>
    public bool KeepCalls { get; set; } = true;

    /// <summary>Raised for every call as it is recorded (getUpdates when it arrives), on the request's thread.</summary>
    public event Action<RecordedCall>? Recorded;

    public IEnumerable<RecordedCall> Sent(string method = "sendMessage") =>
        calls.Where(c => string.Equals(c.Method, method, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Starts the fake on a free loopback port. <paramref name="time"/> is the clock it stamps calls with and counts
    /// limits and retry_after holds on (the system clock unless a test gives the bot and the fake the same fake clock).
    /// </summary>
    public static async Task<FakeBotApi> StartAsync(string token = "123456789:TEST-secret_token_DO_NOT_LOG_abcdefghij", TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeBotApi(app, token, time ?? TimeProvider.System);
        app.Map("/bot{token}/{method}", fake.HandleAsync);
        await app.StartAsync();
        return fake;
    }

    /// <summary>Puts an update in the queue; returns its update_id.</summary>
    public int Enqueue(JsonObject update)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (gate)
        {
            var id = nextUpdateId++;
            update["update_id"] = id;
            pending.Add(update);
            newUpdate.TrySetResult();
            newUpdate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return id;
        }
    }

    /// <summary>A text message from a user, in a private chat unless <paramref name="chat"/> says otherwise.</summary>
    public int EnqueueText(long userId, string text, string? languageCode = "ru", JsonObject? chat = null, JsonObject? extra = null)
    {
        var message = new JsonObject
        {
            ["message_id"] = Interlocked.Increment(ref nextMessageId),
            ["date"] = 1_700_000_000,
            ["chat"] = chat ?? new JsonObject { ["id"] = userId, ["type"] = "private", ["first_name"] = "Test" },
            ["from"] = User(userId, languageCode),
            ["text"] = text,
        };
        foreach (var (key, value) in extra ?? [])
        {
            message[key] = value?.DeepClone();
        }

        return Enqueue(new JsonObject { ["message"] = message });
    }

    /// <summary>A press of an inline button under a message the bot sent in <paramref name="chatId"/>.</summary>
    public int EnqueueButtonPress(long userId, long chatId, string data, string? languageCode = "ru", int messageId = 1) =>
        Enqueue(new JsonObject
        {
            ["callback_query"] = new JsonObject
            {
                ["id"] = "cb" + Interlocked.Increment(ref nextMessageId),
                ["from"] = User(userId, languageCode),
                ["chat_instance"] = "ci",
                ["data"] = data,
                ["message"] = new JsonObject
                {
                    ["message_id"] = messageId,
                    ["date"] = 1_700_000_000,
                    ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = chatId > 0 ? "private" : "supergroup" },
                    ["from"] = new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "Treaty", ["username"] = BotUsername },
                    ["text"] = "(an earlier answer)",
                },
            },
        });

    /// <summary>An inline query typed in any chat: "@bot <paramref name="query"/>".</summary>
    public int EnqueueInlineQuery(long userId, string query, string offset = "", string? languageCode = "ru") =>
        Enqueue(new JsonObject
        {
            ["inline_query"] = new JsonObject
            {
                ["id"] = "iq" + Interlocked.Increment(ref nextMessageId),
                ["from"] = User(userId, languageCode),
                ["query"] = query,
                ["offset"] = offset,
            },
        });

    /// <summary>A supergroup chat, a forum when <paramref name="forum"/> is set.</summary>
    public static JsonObject Group(long id, bool forum = false) =>
        new() { ["id"] = id, ["type"] = "supergroup", ["title"] = "History club", ["is_forum"] = forum };

    public static JsonObject User(long id, string? languageCode) => new()
    {
        ["id"] = id,
        ["is_bot"] = false,
        ["first_name"] = "Test",
        ["language_code"] = languageCode,
    };

    /// <summary>
    /// What getChatMember says of <paramref name="userId"/> in group <paramref name="chatId"/>: "creator",
    /// "administrator", "member", "left" or "kicked". A group the fake knows no member of is "chat not found", like a
    /// chat the bot is not in; a user it was not told of has "left".
    /// </summary>
    public void SetMember(long chatId, long userId, string status) => members[(chatId, userId)] = status;

    /// <summary>The bot was removed from the chat (or blocked by the user): every send to it gets Telegram's 403.</summary>
    public void Kick(long chatId) => refusals[chatId] = Error(403, chatId > 0 ? "Forbidden: bot was blocked by the user" : "Forbidden: bot was kicked from the supergroup chat");

    /// <summary>The group became supergroup <paramref name="newChatId"/>: sends to the old id get Telegram's 400 naming the new one.</summary>
    public void MigrateToSupergroup(long chatId, long newChatId)
    {
        var error = Error(400, "Bad Request: group chat was upgraded to a supergroup chat");
        error["parameters"] = new JsonObject { ["migrate_to_chat_id"] = newChatId };
        refusals[chatId] = error;
    }

    /// <summary>A forum topic was closed (TOPIC_CLOSED) or deleted ("message thread not found"): sends into it are refused.</summary>
    public void CloseTopic(long chatId, int threadId, bool deleted = false) =>
        closedTopics[(chatId, threadId)] = deleted ? "Bad Request: message thread not found" : "Bad Request: TOPIC_CLOSED";

    /// <summary>A forum's general topic was closed: sends to the chat without a message_thread_id get TOPIC_CLOSED.</summary>
    public void CloseGeneralTopic(long chatId) => closedGeneralTopics[chatId] = true;

    /// <summary>A channel post: channel posts have a sender_chat (the channel), no from.</summary>
    public int EnqueueChannelPost(long channelId, string text) =>
        Enqueue(new JsonObject
        {
            ["channel_post"] = new JsonObject
            {
                ["message_id"] = Interlocked.Increment(ref nextMessageId),
                ["date"] = 1_700_000_000,
                ["chat"] = new JsonObject { ["id"] = channelId, ["type"] = "channel", ["title"] = "History channel" },
                ["sender_chat"] = new JsonObject { ["id"] = channelId, ["type"] = "channel", ["title"] = "History channel" },
                ["text"] = text,
            },
        });

    /// <summary>The service message Telegram sends in a group that became a supergroup.</summary>
    public int EnqueueMigration(long chatId, long newChatId) =>
        Enqueue(new JsonObject
        {
            ["message"] = new JsonObject
            {
                ["message_id"] = Interlocked.Increment(ref nextMessageId),
                ["date"] = 1_700_000_000,
                ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = "group", ["title"] = "History club" },
                ["from"] = User(1, "ru"),
                ["migrate_to_chat_id"] = newChatId,
            },
        });

    /// <summary>The next <paramref name="times"/> calls of <paramref name="method"/> fail with this status and body.</summary>
    public void Fail(string method, HttpStatusCode status, string description, int times = 1, int? retryAfter = null)
    {
        var queue = failures.GetOrAdd(method, _ => new ConcurrentQueue<ScriptedFailure>());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue(new ScriptedFailure(status, description, retryAfter));
        }
    }

    /// <summary>
    /// Waits until <paramref name="count"/> calls of <paramref name="method"/> have been recorded (by default for up to
    /// 60 s: a bot's first answer took over 20 s three times in CI on 5 December, with both test assemblies running; a
    /// classifier learning again after its cache file was let go is the likely cause).
    /// </summary>
    public async Task<IReadOnlyList<RecordedCall>> WaitForAsync(string method, int count, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (Sent(method).Count() < count)
        {
            try
            {
                await callSignal.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Expected {count} {method} call(s), saw {Sent(method).Count()}: " +
                    string.Join(", ", calls.Select(c => c.Method)));
            }
        }

        return [.. Sent(method)];
    }

    /// <summary>Update ids not yet confirmed by an offset.</summary>
    public IReadOnlyList<int> Unconfirmed()
    {
        lock (gate)
        {
            return [.. pending.Select(u => (int)u["update_id"]!)];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        callSignal.Dispose();
    }

    private async Task HandleAsync(HttpContext context, string token, string method)
    {
        // When the request came, as Telegram counts its limits: before the body is read and checked.
        context.Items[ArrivedKey] = time.GetUtcNow();
        var body = await ReadBodyAsync(context.Request);
        if (token != Token)
        {
            await WriteAsync(context, HttpStatusCode.Unauthorized, Error(401, "Unauthorized"));
            return;
        }

        if (failures.TryGetValue(method, out var queue) && queue.TryDequeue(out var failure))
        {
            Record(context, method, body, failed: true);
            var error = Error((int)failure.Status, failure.Description);
            if (failure.RetryAfter is { } seconds)
            {
                error["parameters"] = new JsonObject { ["retry_after"] = seconds };
            }

            await WriteAsync(context, failure.Status, error);
            return;
        }

        if (IsSend(method) && await ChaosAsync(context, method, body) is { } handled && handled)
        {
            return;
        }

        if (RejectedHtml(method, body) is { } reason)
        {
            Record(context, method, body, failed: true);
            await WriteAsync(context, HttpStatusCode.BadRequest, Error(400, "Bad Request: can't parse entities: " + reason));
            return;
        }

        if (Refusal(method, body) is { } refusal)
        {
            Record(context, method, body, failed: true);
            await WriteAsync(context, (HttpStatusCode)refusal["error_code"]!.GetValue<int>(), refusal);
            return;
        }

        JsonNode? result = method.ToLowerInvariant() switch
        {
            "getme" => new JsonObject
            {
                ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "Treaty", ["username"] = BotUsername,
                ["can_join_groups"] = true, ["can_read_all_group_messages"] = false, ["supports_inline_queries"] = true,
            },
            "getupdates" => await GetUpdatesAsync(body, context.RequestAborted),
            "sendmessage" or "editmessagetext" => SentMessage(body),
            "getchatmember" => ChatMember(body),
            _ => true,
        };

        if (!method.Equals("getUpdates", StringComparison.OrdinalIgnoreCase))
        {
            Record(context, method, body, failed: false);
        }

        await WriteAsync(context, HttpStatusCode.OK, new JsonObject { ["ok"] = true, ["result"] = result });
    }

    private async Task<JsonNode> GetUpdatesAsync(JsonObject body, CancellationToken aborted)
    {
        var offset = body["offset"]?.GetValue<int>() ?? 0;
        var limit = body["limit"]?.GetValue<int>() ?? 100;
        var timeout = TimeSpan.FromSeconds(body["timeout"]?.GetValue<int>() ?? 0);
        Record(null, "getUpdates", body, failed: false);

        // The long poll is the network's wait, not the bot's: it runs on real time whatever the fake's clock.
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task signal;
            lock (gate)
            {
                pending.RemoveAll(u => (int)u["update_id"]! < offset);
                if (pending.Count > 0)
                {
                    return new JsonArray([.. pending.Take(limit).Select(u => u.DeepClone())]);
                }

                signal = newUpdate.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return new JsonArray();
            }

            try
            {
                await signal.WaitAsync(left, aborted);
            }
            catch (TimeoutException)
            {
                return new JsonArray();
            }
        }
    }

    /// <summary>
    /// Decides, per send, whether the fake misbehaves (see <see cref="FakeFault"/>). Return null for a normal answer.
    /// The fake never faults two sends to the same chat in a row, so a sender with a few retries always gets through.
    /// </summary>
    public Func<string, JsonObject, FakeFault?>? Chaos { get; set; }

    /// <summary>Makes the fake answer 429 like Telegram when a chat, or the bot overall, sends faster than this.</summary>
    public void EnforceLimits(int perChatPerSecond, int globalPerSecond) => limits = (perChatPerSecond, globalPerSecond);

    /// <summary>How many times the fake had to answer 429 because the bot sent too fast.</summary>
    public int TooManyRequests => tooManyRequests;

    /// <summary>Sends that came to a chat before the retry_after of a 429 for that chat had passed.</summary>
    public IReadOnlyCollection<string> RetryAfterViolations => violations;

    /// <summary>sendMessage calls that delivered a message (including ones whose answer was lost or garbled).</summary>
    public IEnumerable<RecordedCall> Delivered() => Sent().Where(c => !c.Failed);

    private static bool IsSend(string method) => method.Equals("sendMessage", StringComparison.OrdinalIgnoreCase);

    /// <summary>Limits, holds and chaos for one send; true when the response has been written here.</summary>
    private async Task<bool?> ChaosAsync(HttpContext context, string method, JsonObject body)
    {
        var chat = body["chat_id"]?.GetValue<long>() ?? 0;
        var now = time.GetUtcNow();
        FakeFault? fault = null;
        lock (limitsGate)
        {
            if (holds.TryGetValue(chat, out var until) && now < until)
            {
                violations.Enqueue($"chat {chat}: send {(until - now).TotalMilliseconds:F0} ms before retry_after passed");
            }

            if (limits is { } limit)
            {
                var recent = chatSends.GetValueOrDefault(chat) ?? (chatSends[chat] = new Queue<DateTimeOffset>());
                Trim(recent, now);
                Trim(globalSends, now);
                if (recent.Count >= limit.PerChat || globalSends.Count >= limit.Global)
                {
                    tooManyRequests++;
                    fault = FakeFault.TooManyRequests(1);
                }
                else
                {
                    recent.Enqueue(now);
                    globalSends.Enqueue(now);
                }
            }

            if (fault is null && Chaos?.Invoke(method, body) is { } chaos && faultedLast.Add(chat))
            {
                fault = chaos;
            }
            else if (fault is null)
            {
                faultedLast.Remove(chat);
            }

            if (fault is { Status: HttpStatusCode.TooManyRequests, RetryAfter: { } seconds })
            {
                holds[chat] = now + TimeSpan.FromSeconds(seconds);
            }
        }

        switch (fault)
        {
            case null:
                return null;
            case { Kind: FakeFaultKind.Slow }:
                await Task.Delay(fault.Delay, context.RequestAborted);
                return null;
            case { Kind: FakeFaultKind.Reset }:
                // Delivered, but the connection drops before the answer: the sender cannot know.
                Record(context, method, body, failed: false);
                context.Abort();
                return true;
            case { Kind: FakeFaultKind.Garbage }:
                Record(context, method, body, failed: false);
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("<html>502 Bad Gateway… or is it?", context.RequestAborted);
                return true;
            default:
                Record(context, method, body, failed: true);
                var error = Error((int)fault.Status, fault.Status == HttpStatusCode.TooManyRequests ? "Too Many Requests: retry after " + fault.RetryAfter : "Internal Server Error");
                if (fault.RetryAfter is { } retryAfter)
                {
                    error["parameters"] = new JsonObject { ["retry_after"] = retryAfter };
                }

                await WriteAsync(context, fault.Status, error);
                return true;
        }
    }

    private static void Trim(Queue<DateTimeOffset> sends, DateTimeOffset now)
    {
        while (sends.Count > 0 && now - sends.Peek() >= TimeSpan.FromSeconds(1))
        {
            sends.Dequeue();
        }
    }

    private const string ArrivedKey = "treatybot.fake.arrived";

    private void Record(HttpContext? context, string method, JsonObject body, bool failed)
    {
        var call = new RecordedCall(method, body, failed)
        {
            At = context?.Items[ArrivedKey] is DateTimeOffset arrived ? arrived : time.GetUtcNow(),
        };
        if (KeepCalls)
        {
            calls.Enqueue(call);
            callSignal.Release();
        }

        Recorded?.Invoke(call);
    }

    /// <summary>Like Telegram, refuses HTML it cannot parse: unknown tags, bare &lt; or &amp;, nested quotes, too long.</summary>
    private static string? RejectedHtml(string method, JsonObject body)
    {
        var texts = new List<string>();
        if (method.Equals("sendMessage", StringComparison.OrdinalIgnoreCase) && IsHtml(body["parse_mode"]))
        {
            texts.Add(body["text"]?.GetValue<string>() ?? "");
        }

        if (method.Equals("answerInlineQuery", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var result in body["results"]?.AsArray() ?? [])
            {
                if (result?["input_message_content"] is { } content && IsHtml(content["parse_mode"]))
                {
                    texts.Add(content["message_text"]?.GetValue<string>() ?? "");
                }
            }
        }

        return texts.Select(Verdict).FirstOrDefault(v => v is not null);
    }

    /// <summary>Why Telegram would refuse this HTML, or null; remembered for texts sent again and again under load.</summary>
    private static string? Verdict(string html)
    {
        if (Verdicts.TryGetValue(html, out var known))
        {
            return known;
        }

        var problems = Rendering.TelegramHtml.Problems(html);
        var verdict = problems.Count > 0 ? string.Join("; ", problems) : null;
        if (Verdicts.Count >= MaxVerdicts)
        {
            Verdicts.Clear();
        }

        Verdicts[html] = verdict;
        return verdict;
    }

    private static bool IsHtml(JsonNode? parseMode) =>
        string.Equals(parseMode?.GetValue<string>(), "html", StringComparison.OrdinalIgnoreCase);

    private JsonObject SentMessage(JsonObject body) => new()
    {
        ["message_id"] = Interlocked.Increment(ref nextMessageId),
        ["date"] = 1_700_000_000,
        ["chat"] = new JsonObject { ["id"] = body["chat_id"]?.DeepClone(), ["type"] = "private" },
        ["from"] = new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "Treaty", ["username"] = BotUsername },
        ["text"] = "(text)",
    };

    /// <summary>How Telegram refuses this call: a chat the bot was removed from, a migrated group, a closed topic, an unknown member.</summary>
    private JsonObject? Refusal(string method, JsonObject body)
    {
        var chat = body["chat_id"]?.GetValue<long>();
        if (chat is { } id && refusals.TryGetValue(id, out var refusal))
        {
            return (JsonObject)refusal.DeepClone();
        }

        if (IsSend(method) && chat is { } target && body["message_thread_id"]?.GetValue<int>() is { } thread
            && closedTopics.TryGetValue((target, thread), out var closed))
        {
            return Error(400, closed);
        }

        if (IsSend(method) && chat is { } forum && body["message_thread_id"] is null && closedGeneralTopics.ContainsKey(forum))
        {
            return Error(400, "Bad Request: TOPIC_CLOSED");
        }

        if (method.Equals("getChatMember", StringComparison.OrdinalIgnoreCase))
        {
            if (chat is null || body["user_id"]?.GetValueKind() is not JsonValueKind.Number)
            {
                return Error(400, "Bad Request: chat_id and user_id are required");
            }

            if (!members.Keys.Any(k => k.Chat == chat))
            {
                return Error(400, "Bad Request: chat not found");
            }
        }

        return null;
    }

    private JsonObject ChatMember(JsonObject body)
    {
        var chat = body["chat_id"]!.GetValue<long>();
        var user = body["user_id"]!.GetValue<long>();
        var status = members.GetValueOrDefault((chat, user), "left");
        var member = new JsonObject { ["status"] = status, ["user"] = User(user, null) };
        switch (status)
        {
            case "creator":
                member["is_anonymous"] = false;
                break;
            case "administrator":
                member["is_anonymous"] = false;
                foreach (var right in (string[])["can_be_edited", "can_manage_chat", "can_delete_messages", "can_manage_video_chats",
                    "can_restrict_members", "can_promote_members", "can_change_info", "can_invite_users", "can_post_stories",
                    "can_edit_stories", "can_delete_stories"])
                {
                    member[right] = right is "can_manage_chat" or "can_invite_users";
                }

                break;
            case "kicked":
                member["until_date"] = 0;
                break;
        }

        return member;
    }

    private static JsonObject Error(int code, string description) =>
        new() { ["ok"] = false, ["error_code"] = code, ["description"] = description };

    private static async Task<JsonObject> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength == 0 || !request.HasJsonContentType())
        {
            return [];
        }

        return await JsonNode.ParseAsync(request.Body) as JsonObject ?? [];
    }

    private static async Task WriteAsync(HttpContext context, HttpStatusCode status, JsonObject payload)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(payload.ToJsonString(JsonSerializerOptions.Web));
    }

    private sealed record ScriptedFailure(HttpStatusCode Status, string Description, int? RetryAfter);
}

public enum FakeFaultKind
{
    Status,
    Slow,
    Reset,
    Garbage,
}

/// <summary>One way the fake can misbehave on a send.</summary>
public sealed record FakeFault(FakeFaultKind Kind, HttpStatusCode Status = HttpStatusCode.OK, int? RetryAfter = null, TimeSpan Delay = default)
{
    public static FakeFault TooManyRequests(int retryAfter) => new(FakeFaultKind.Status, HttpStatusCode.TooManyRequests, retryAfter);

    public static FakeFault ServerError(HttpStatusCode status) => new(FakeFaultKind.Status, status);

    public static FakeFault Slow(TimeSpan delay) => new(FakeFaultKind.Slow, Delay: delay);

    public static FakeFault ConnectionReset { get; } = new(FakeFaultKind.Reset);

    public static FakeFault UnreadableBody { get; } = new(FakeFaultKind.Garbage);
}

/// <summary>One call the bot made to the fake: the method, its JSON parameters, and when it came.</summary>
public sealed record RecordedCall(string Method, JsonObject Body, bool Failed)
{
    /// <summary>When the request came in (before its body was read and checked), on the fake's clock.</summary>
    public DateTimeOffset At { get; init; } = DateTimeOffset.UtcNow;

    public long? ChatId => Body["chat_id"]?.GetValue<long>();

    public string? Text => Body["text"]?.GetValue<string>();
}
