using System.Text;
using System.Text.Json.Nodes;
using TreatyBot.Tests.Rendering;

namespace TreatyBot.Tests.Security;

/// <summary>
/// What Telegram would refuse, or a user would see broken, in one call the bot makes: HTML that does not parse or is
/// over 4096 characters (<see cref="TelegramHtml"/>), an empty message, button data over 64 bytes, an inline answer
/// Telegram rejects, a button notice over 200 characters, and a reply that repeats the user's text at length.
/// </summary>
internal static class ReplyChecks
{
    /// <summary>A reply may quote at most this much of what the user wrote.</summary>
    public const int MaxEcho = 100;

    public static IEnumerable<string> Problems(string method, JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return method.ToLowerInvariant() switch
        {
            "sendmessage" => Message(body),
            "answerinlinequery" => InlineAnswer(body),
            "answercallbackquery" => (body["text"]?.GetValue<string>() ?? "").Length > 200 ? ["button notice over 200 characters"] : [],
            _ => [],
        };
    }

    /// <summary>The text a user sees in the messages and inline results of <paramref name="body"/>.</summary>
    public static IEnumerable<string> VisibleTexts(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body["text"]?.GetValue<string>() is { } text)
        {
            yield return TelegramHtml.VisibleText(text);
        }

        foreach (var result in body["results"]?.AsArray() ?? [])
        {
            yield return result?["title"]?.GetValue<string>() + "\n" + result?["description"]?.GetValue<string>() + "\n" +
                TelegramHtml.VisibleText(result?["input_message_content"]?["message_text"]?.GetValue<string>() ?? "");
        }
    }

    /// <summary>Whether <paramref name="visible"/> repeats more than <see cref="MaxEcho"/> characters of <paramref name="junk"/>.</summary>
    public static bool Echoes(string visible, string junk)
    {
        ArgumentNullException.ThrowIfNull(visible);
        ArgumentNullException.ThrowIfNull(junk);
        for (var start = 0; start + MaxEcho <= junk.Length; start += 10)
        {
            if (visible.Contains(junk.AsSpan(start, MaxEcho), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static List<string> Message(JsonObject body)
    {
        var problems = new List<string>();
        var text = body["text"]?.GetValue<string>() ?? "";
        if (string.Equals(body["parse_mode"]?.GetValue<string>(), "html", StringComparison.OrdinalIgnoreCase))
        {
            problems.AddRange(TelegramHtml.Problems(text).Select(p => "sendMessage: " + p));
        }

        if (string.IsNullOrWhiteSpace(TelegramHtml.VisibleText(text)))
        {
            problems.Add("sendMessage: nothing visible to send");
        }

        problems.AddRange(Buttons(body["reply_markup"]));
        return problems;
    }

    private static List<string> InlineAnswer(JsonObject body)
    {
        var problems = new List<string>();
        var results = body["results"]?.AsArray() ?? [];
        if (results.Count > 50)
        {
            problems.Add($"answerInlineQuery: {results.Count} results; Telegram allows 50");
        }

        var ids = results.Select(r => r?["id"]?.GetValue<string>() ?? "").ToList();
        if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Count || ids.Any(id => id.Length == 0 || Encoding.UTF8.GetByteCount(id) > 64))
        {
            problems.Add("answerInlineQuery: result ids must be unique, 1-64 bytes: " + string.Join(", ", ids));
        }

        if (Encoding.UTF8.GetByteCount(body["next_offset"]?.GetValue<string>() ?? "") > 64)
        {
            problems.Add("answerInlineQuery: next_offset over 64 bytes");
        }

        foreach (var result in results)
        {
            if (string.IsNullOrWhiteSpace(result?["title"]?.GetValue<string>()))
            {
                problems.Add("answerInlineQuery: a result without a title");
            }

            var content = result?["input_message_content"];
            var text = content?["message_text"]?.GetValue<string>() ?? "";
            if (string.Equals(content?["parse_mode"]?.GetValue<string>(), "html", StringComparison.OrdinalIgnoreCase))
            {
                problems.AddRange(TelegramHtml.Problems(text).Select(p => "answerInlineQuery: " + p));
            }

            if (string.IsNullOrWhiteSpace(TelegramHtml.VisibleText(text)))
            {
                problems.Add("answerInlineQuery: a result that sends nothing");
            }

            problems.AddRange(Buttons(result?["reply_markup"]));
        }

        return problems;
    }

    private static IEnumerable<string> Buttons(JsonNode? markup)
    {
        foreach (var button in (markup?["inline_keyboard"]?.AsArray() ?? []).SelectMany(row => row?.AsArray() ?? []))
        {
            if (string.IsNullOrWhiteSpace(button?["text"]?.GetValue<string>()))
            {
                yield return "a button without a label";
            }

            if (button?["callback_data"]?.GetValue<string>() is { } data && (data.Length == 0 || Encoding.UTF8.GetByteCount(data) > 64))
            {
                yield return $"button data '{data}' is not 1-64 bytes";
            }
        }
    }
}
