using System.Text;
using System.Text.Json.Nodes;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.Tests.Security;

/// <summary>Where a generated update comes from.</summary>
internal enum FuzzKind
{
    Private,
    Group,
    Channel,
    Inline,
    Button,
    Sticker,
}

/// <summary>An entity as Telegram sends it, possibly at an odd offset.</summary>
internal sealed record FuzzEntity(string Type, int Offset, int Length);

/// <summary>
/// One generated update: what a user (or channel) sends, and where. Becomes a Telegram.Bot <see cref="Update"/> for the
/// in-process pipeline, or Bot API JSON for the fake Bot API. <see cref="Junk"/> is random text inside
/// <see cref="Text"/> that no reply may repeat at length.
/// </summary>
internal sealed record FuzzCase(
    int Index,
    FuzzKind Kind,
    long UserId,
    long ChatId,
    string? Text,
    string? LanguageCode,
    IReadOnlyList<FuzzEntity> Entities,
    bool ReplyToBot,
    string Offset,
    string? Junk)
{
    private static readonly DateTime Date = DateTime.UnixEpoch.AddSeconds(1_700_000_000);

    public Update ToUpdate()
    {
        var update = new Update { Id = Index + 1 };
        switch (Kind)
        {
            case FuzzKind.Inline:
                update.InlineQuery = new InlineQuery { Id = "iq" + Index, From = Sender(), Query = Text ?? "", Offset = Offset };
                break;
            case FuzzKind.Button:
                update.CallbackQuery = new CallbackQuery
                {
                    Id = "cb" + Index, From = Sender(), ChatInstance = "ci", Data = Text,
                    Message = new Message { Id = 1, Date = Date, Chat = Chat(), From = Bot(), Text = "(an earlier answer)" },
                };
                break;
            case FuzzKind.Channel:
                update.ChannelPost = Message(from: null);
                update.ChannelPost.SenderChat = Chat();
                break;
            default:
                update.Message = Message(Sender());
                break;
        }

        return update;
    }

    /// <summary>The same update as Bot API JSON. Lone surrogates become U+FFFD, as they would on Telegram's UTF-8 wire.</summary>
    public JsonObject ToJson()
    {
        var chat = ChatJson();
        JsonObject Message(bool channel) => new()
        {
            ["message_id"] = Index + 1,
            ["date"] = 1_700_000_000,
            ["chat"] = chat.DeepClone(),
            ["from"] = channel ? null : FakeBotApi.User(UserId, LanguageCode),
            ["sender_chat"] = channel ? chat.DeepClone() : null,
            ["text"] = Kind == FuzzKind.Sticker ? null : Wire(Text),
            ["sticker"] = Kind != FuzzKind.Sticker ? null : new JsonObject
            {
                ["file_id"] = "x", ["file_unique_id"] = "y", ["type"] = "regular", ["width"] = 1, ["height"] = 1,
                ["is_animated"] = false, ["is_video"] = false,
            },
            ["entities"] = Entities.Count == 0 ? null : new JsonArray([.. Entities.Select(e => (JsonNode)new JsonObject
            {
                ["type"] = e.Type, ["offset"] = e.Offset, ["length"] = e.Length,
                ["user"] = e.Type == "text_mention" ? BotJson() : null,
            })]),
            ["reply_to_message"] = ReplyToBot
                ? new JsonObject { ["message_id"] = 1, ["date"] = 1_700_000_000, ["chat"] = chat.DeepClone(), ["from"] = BotJson(), ["text"] = "(an answer)" }
                : null,
        };

        return Kind switch
        {
            FuzzKind.Inline => new JsonObject
            {
                ["inline_query"] = new JsonObject
                {
                    ["id"] = "iq" + Index, ["from"] = FakeBotApi.User(UserId, LanguageCode), ["query"] = Wire(Text) ?? "", ["offset"] = Wire(Offset),
                },
            },
            FuzzKind.Button => new JsonObject
            {
                ["callback_query"] = new JsonObject
                {
                    ["id"] = "cb" + Index, ["from"] = FakeBotApi.User(UserId, LanguageCode), ["chat_instance"] = "ci", ["data"] = Wire(Text),
                    ["message"] = new JsonObject { ["message_id"] = 1, ["date"] = 1_700_000_000, ["chat"] = chat, ["from"] = BotJson(), ["text"] = "(an earlier answer)" },
                },
            },
            FuzzKind.Channel => new JsonObject { ["channel_post"] = Message(channel: true) },
            _ => new JsonObject { ["message"] = Message(channel: false) },
        };
    }

    /// <summary>A readable form for failure messages: control and invisible characters as \uXXXX, long text cut.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var c in (Text ?? "(none)").Length > 300 ? Text![..300] + $"…({Text.Length} chars)" : Text ?? "(none)")
        {
            text.Append(char.IsControl(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format
                ? $"\\u{(int)c:x4}"
                : c.ToString());
        }

        var entities = string.Join(", ", Entities.Select(e => $"{e.Type}@{e.Offset}+{e.Length}"));
        return $"#{Index} {Kind} user {UserId} chat {ChatId} lang '{LanguageCode}' offset '{Offset}' reply-to-bot {ReplyToBot} entities [{entities}] text \"{text}\"";
    }

    private static string? Wire(string? text) =>
        text is null ? null : Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));

    private static User Bot() => new() { Id = FakeBotApi.BotId, IsBot = true, FirstName = "Treaty", Username = FakeBotApi.BotUsername };

    private static JsonObject BotJson() => new() { ["id"] = FakeBotApi.BotId, ["is_bot"] = true, ["first_name"] = "Treaty", ["username"] = FakeBotApi.BotUsername };

    private User Sender() => new() { Id = UserId, IsBot = false, FirstName = "Test", LanguageCode = LanguageCode };

    private ChatType Type => Kind switch
    {
        FuzzKind.Group => ChatType.Supergroup,
        FuzzKind.Channel => ChatType.Channel,
        _ => ChatType.Private,
    };

    private Chat Chat() => new() { Id = ChatId, Type = Type, Title = Type == ChatType.Private ? null : "History club" };

    private JsonObject ChatJson() => new()
    {
        ["id"] = ChatId,
        ["type"] = Type switch { ChatType.Supergroup => "supergroup", ChatType.Channel => "channel", _ => "private" },
        ["title"] = Type == ChatType.Private ? null : "History club",
    };

    private Message Message(User? from) => new()
    {
        Id = Index + 1,
        Date = Date,
        Chat = Chat(),
        From = from,
        Text = Kind == FuzzKind.Sticker ? null : Text,
        Sticker = Kind == FuzzKind.Sticker ? new Sticker { FileId = "x", FileUniqueId = "y", Type = StickerType.Regular, Width = 1, Height = 1 } : null,
        Entities = Entities.Count == 0 ? null : [.. Entities.Select(e => new MessageEntity
        {
            Type = e.Type switch
            {
                "bot_command" => MessageEntityType.BotCommand,
                "mention" => MessageEntityType.Mention,
                "text_mention" => MessageEntityType.TextMention,
                "url" => MessageEntityType.Url,
                _ => MessageEntityType.Bold,
            },
            Offset = e.Offset,
            Length = e.Length,
            User = e.Type == "text_mention" ? Bot() : null,
        })],
        ReplyToMessage = ReplyToBot ? new Message { Id = 1, Date = Date, Chat = Chat(), From = Bot(), Text = "(an answer)" } : null,
    };
}

/// <summary>
/// Generates hostile and ordinary updates from a seed: HTML and Markdown metacharacters, entities, unpaired surrogates,
/// emoji and ZWJ sequences, direction marks, zero-width and control characters, NUL, white space only, text over 4096
/// characters, odd commands and mentions, odd entity offsets, garbage button data and inline offsets, real questions.
/// </summary>
internal sealed class FuzzInput(int seed, IReadOnlyList<string> questions)
{
    public const string BotMention = "@" + FakeBotApi.BotUsername;

    private static readonly string[] Hostile =
    [
        "<b>", "</b>", "<i>x</i>", "</blockquote>", "<blockquote>", "<blockquote expandable>", "<script>alert(1)</script>",
        "<a href=\"javascript:alert(1)\">x</a>", "<a href='x'>", "<tg-spoiler>", "<span class=\"tg-spoiler\">", "<code>", "<pre>",
        "<br/>", "<!-- -->", "<<>>", "<", ">", "&", "\"", "'", "&amp;", "&lt;", "&gt;", "&quot;", "&#0;", "&#x0;", "&#1114112;",
        "&nbsp;", "&copy;", "&#", "&;", "&amp", "*bold*", "**", "_italic_", "__", "`code`", "```pre```", "~strike~", "||spoiler||",
        "[link](https://example.org)", "\\", "\\n", "\\u0000", "%s", "%n", "{0}", "{bot}", "{{", "${jndi:ldap://x/a}",
        "'; DROP TABLE facts;--", "../../etc/passwd", "null", "NaN", "-1", "99999999999999999999", "1e308",
        "\0", "\u0001", "\u0007", "\u001b[31m", "\u007f", "\u0085", "\r", "\r\n", "\n\n\n", "\t", "\v", "\f",
        "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f", "\u202a", "\u202b", "\u202e", "\u2066",
        "\u2067", "\u2069", "\u061c", "\ud800", "\udc00", "\udbff", "x\ud800y", "\udfff\ud800", "\ufffd", "\uffff", "\ufffe",
        "👨‍👩‍👧‍👦", "🏳️‍🌈", "🇯🇵🇷🇺", "👍🏽", "🧑🏿‍🤝‍🧑🏻", "❤️", "🫠", "e\u0301", "й", "и\u0306", "Z̷̡̛a̶l̸g̴o̵",
        "مرحبا بالعالم", "שלום", "条約 北京 一九二五", "日ソ基本条約", "ประวัติศาสตร์", "\u00a0", "\u3000", "\u2028", "\u2029",
        "@", "@@", BotMention, "@treatytestbot", BotMention + "X", "@OtherBot", "#договор", "$1925", "/", "//", "://",
    ];

    private static readonly string[] Commands =
    [
        "/ask", "/ask@", "/ask@@x", "/ASK", "/Ask", "/ask@" + FakeBotApi.BotUsername, "/ask@" + FakeBotApi.BotUsername.ToUpperInvariant(),
        "/ask@" + string.Concat(Enumerable.Repeat("VeryLong", 40)), "/ask@OtherBot", "/ask@" + FakeBotApi.BotUsername + "@" + FakeBotApi.BotUsername,
        "/ask_", "/ask\u0000", "/ask\u200b", "/аск", "/start", "/start@" + FakeBotApi.BotUsername, "/help", "/help@OtherBot", "/timeline",
        "/sources", "/lang", "/lang ru", "/lang en", "/lang EN ", "/lang xx", "/lang ru\u0000", "/lang\nen", "/weather", "/123", "/_",
        "/", "/ ", "/\u200b", "/@", "/@" + FakeBotApi.BotUsername, "/<b>", "/&amp;",
    ];

    private static readonly string?[] LanguageCodes = ["ru", "en", null, "", "xx", "RU", "en-US", "ru-RU", "zh-hans", "\u0000", "<b>"];

    private static readonly string[] Separators = ["", " ", " ", " ", "\n", "\u00a0", "\t", "  "];

    private static readonly string[] Offsets = ["", "", "", "0", "10", "40", "50", "-5", "abc", "99999999999", "1e3", " 10", "٣"];

    private readonly Random random = new(seed);

    public FuzzCase Next(int index)
    {
        var kind = Pick<FuzzKind>((FuzzKind.Private, 40), (FuzzKind.Group, 25), (FuzzKind.Channel, 5), (FuzzKind.Inline, 15), (FuzzKind.Button, 10), (FuzzKind.Sticker, 5));
        var userId = 1000 + random.Next(300);
        var chatId = kind switch
        {
            FuzzKind.Group => -1001000 - random.Next(5),
            FuzzKind.Channel => -1002000 - random.Next(2),
            _ => userId,
        };
        var (text, junk) = kind switch
        {
            FuzzKind.Button => (ButtonData(), null),
            FuzzKind.Sticker => (null, null),
            _ => Text(kind),
        };
        var entities = text is null ? [] : Entities(text);
        var replyToBot = kind == FuzzKind.Group && random.Next(6) == 0;
        return new FuzzCase(index, kind, userId, chatId, text, LanguageCodes[random.Next(LanguageCodes.Length)], entities, replyToBot, Offsets[random.Next(Offsets.Length)], junk);
    }

    private (string Text, string? Junk) Text(FuzzKind kind)
    {
        var roll = random.Next(200);
        if (roll < 6)
        {
            return (new[] { "", " ", "\n\n", "\t \u00a0\u3000", "\u200b\u200b", "\u2028", new string(' ', 5000) }[random.Next(7)], null);
        }

        if (roll < 8)
        {
            // Over Telegram's limit of 4096, built of anything hostile: the reply must still be valid and short.
            var length = new[] { 4095, 4096, 4097, 5000, 10_000 }[random.Next(5)];
            var text = new StringBuilder();
            while (text.Length < length)
            {
                text.Append(Fragment()).Append(Separators[random.Next(Separators.Length)]);
            }

            return (text.ToString(0, length), null);
        }

        var parts = new List<string>();
        if (random.Next(100) < (kind == FuzzKind.Group ? 45 : 20))
        {
            parts.Add(Commands[random.Next(Commands.Length)]);
        }
        else if (kind is FuzzKind.Group or FuzzKind.Channel && random.Next(3) == 0)
        {
            parts.Add(random.Next(3) == 0 ? "/ask" : BotMention);
        }

        var count = random.Next(0, 6);
        for (var i = 0; i < count; i++)
        {
            parts.Add(Fragment());
        }

        string? junk = null;
        if (random.Next(10) == 0)
        {
            junk = Junk();
            parts.Insert(random.Next(parts.Count + 1), junk);
        }

        var joined = new StringBuilder();
        foreach (var part in parts)
        {
            joined.Append(joined.Length == 0 ? "" : Separators[random.Next(Separators.Length)]).Append(part);
        }

        return (joined.ToString(), junk);
    }

    private string Fragment() => random.Next(100) switch
    {
        < 40 => Hostile[random.Next(Hostile.Length)],
        < 75 => questions[random.Next(questions.Count)],
        < 85 => questions[random.Next(questions.Count)].Split(' ')[0],
        _ => RandomRun(),
    };

    /// <summary>Random code points, astral ones included, and now and then half of a surrogate pair.</summary>
    private string RandomRun()
    {
        var run = new StringBuilder();
        var length = random.Next(1, 24);
        for (var i = 0; i < length; i++)
        {
            var codePoint = random.Next(10) switch
            {
                < 3 => random.Next(0x20, 0x7f),
                < 5 => random.Next(0x400, 0x500),
                < 6 => random.Next(0, 0x20),
                < 8 => random.Next(0x80, 0xd800),
                < 9 => random.Next(0xe000, 0x10000),
                _ => random.Next(0x10000, 0x110000),
            };
            if (random.Next(40) == 0)
            {
                run.Append((char)random.Next(0xd800, 0xe000));
            }
            else
            {
                run.Append(char.ConvertFromUtf32(codePoint));
            }
        }

        return run.ToString();
    }

    /// <summary>Random lowercase words no fact contains: a reply that repeats them is echoing the user.</summary>
    private string Junk()
    {
        var junk = new StringBuilder("zq");
        while (junk.Length < 160)
        {
            junk.Append(random.Next(8) == 0 ? ' ' : (char)('a' + random.Next(26)));
        }

        return junk.ToString();
    }

    private string ButtonData() => random.Next(10) switch
    {
        < 3 => $"f:{(random.Next(2) == 0 ? "ru" : "en")}:signing-date",
        < 5 => $"q:{(random.Next(2) == 0 ? "ru" : "en")}:{random.Next(-2, 12)}",
        < 6 => "q:ru:" + new[] { "", "99999999999", "1e3", "-0", " 1", "٣" }[random.Next(6)],
        < 7 => "f:xx:" + Hostile[random.Next(Hostile.Length)],
        < 8 => "",
        _ => Hostile[random.Next(Hostile.Length)] + ":" + Hostile[random.Next(Hostile.Length)],
    };

    private List<FuzzEntity> Entities(string text)
    {
        var entities = new List<FuzzEntity>();
        if (text.StartsWith('/') && random.Next(2) == 0)
        {
            var end = text.AsSpan().IndexOfAny(" \n\t");
            entities.Add(new FuzzEntity("bot_command", 0, end < 0 ? text.Length : end));
        }

        var mention = text.IndexOf(BotMention, StringComparison.OrdinalIgnoreCase);
        if (mention >= 0 && random.Next(10) < 7)
        {
            entities.Add(new FuzzEntity("mention", mention, BotMention.Length));
        }

        if (random.Next(4) == 0)
        {
            for (var i = random.Next(1, 4); i > 0; i--)
            {
                var type = new[] { "bot_command", "mention", "text_mention", "bold", "url" }[random.Next(5)];
                entities.Add(new FuzzEntity(type, random.Next(text.Length + 4), random.Next(text.Length + 4)));
            }
        }

        return entities;
    }

    private T Pick<T>(params (T Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if ((roll -= weight) < 0)
            {
                return value;
            }
        }

        return choices[^1].Value;
    }
}
