using System.Net;
using System.Text.RegularExpressions;

namespace TreatyBot.Tests.Rendering;

/// <summary>
/// A strict checker of Telegram's HTML parse mode, used wherever a test looks at a reply: only the tags Telegram
/// allows, correctly nested, no blockquote inside a blockquote, only the named entities Telegram knows, and at most
/// 4096 characters of visible text.
/// </summary>
public static partial class TelegramHtml
{
    public const int MaxVisibleLength = 4096;

    private static readonly HashSet<string> Tags =
    [
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre",
        "blockquote", "tg-emoji",
    ];

    /// <summary>The problems of <paramref name="html"/>; empty when Telegram would accept it.</summary>
    public static IReadOnlyList<string> Problems(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var problems = new List<string>();
        var open = new Stack<string>();
        var visible = 0;
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '<')
            {
                var end = html.IndexOf('>', i);
                if (end < 0)
                {
                    problems.Add($"unclosed '<' at {i}");
                    break;
                }

                CheckTag(html[(i + 1)..end], open, problems);
                i = end + 1;
            }
            else if (c == '&')
            {
                var match = Entity().Match(html, i);
                if (!match.Success || match.Index != i)
                {
                    problems.Add($"bare '&' at {i}");
                    i++;
                }
                else
                {
                    i += match.Length;
                }

                visible++;
            }
            else if (c == '>')
            {
                problems.Add($"bare '>' at {i}");
                i++;
            }
            else
            {
                if (c == '\0')
                {
                    problems.Add($"NUL at {i}");
                }

                visible += char.IsLowSurrogate(c) ? 0 : 1;
                i++;
            }
        }

        if (open.Count > 0)
        {
            problems.Add("unclosed tags: " + string.Join(", ", open));
        }

        if (visible > MaxVisibleLength)
        {
            problems.Add($"{visible} visible characters; Telegram allows {MaxVisibleLength}");
        }

        return problems;
    }

    /// <summary>The text a user sees: tags removed, entities decoded.</summary>
    public static string VisibleText(string html) => WebUtility.HtmlDecode(TagPattern().Replace(html, ""));

    private static void CheckTag(string tag, Stack<string> open, List<string> problems)
    {
        if (tag.StartsWith('/'))
        {
            var name = tag[1..].Trim();
            if (open.Count == 0 || open.Peek() != name)
            {
                problems.Add($"</{name}> closes nothing open (open: {string.Join(", ", open)})");
                return;
            }

            open.Pop();
            return;
        }

        var match = OpenTag().Match(tag);
        if (!match.Success || !Tags.Contains(match.Groups["name"].Value))
        {
            problems.Add($"tag <{tag}> is not allowed");
            return;
        }

        var tagName = match.Groups["name"].Value;
        var attributes = match.Groups["attrs"].Value.Trim();
        var allowed = tagName switch
        {
            "a" => HrefAttribute().IsMatch(attributes),
            "blockquote" => attributes is "" or "expandable",
            "span" => attributes == "class=\"tg-spoiler\"",
            "code" => attributes == "" || attributes.StartsWith("class=\"language-", StringComparison.Ordinal),
            "tg-emoji" => attributes.StartsWith("emoji-id=", StringComparison.Ordinal),
            _ => attributes == "",
        };
        if (!allowed)
        {
            problems.Add($"tag <{tag}> has attributes Telegram does not accept");
        }

        if (tagName == "blockquote" && open.Contains("blockquote"))
        {
            problems.Add("a blockquote inside a blockquote");
        }

        open.Push(tagName);
    }

    [GeneratedRegex("&(lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")]
    private static partial Regex Entity();

    [GeneratedRegex(@"^(?<name>[a-z-]+)(?<attrs>(\s+[^<>]*)?)$")]
    private static partial Regex OpenTag();

    [GeneratedRegex("^href=\"(https://|http://|tg://)[^\"<>]*\"$")]
    private static partial Regex HrefAttribute();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex TagPattern();
}
