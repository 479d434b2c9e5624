using System.Text;

namespace TreatyBot.Rendering;

/// <summary>
/// Splits Telegram HTML into messages of at most a given number of visible characters, preferring line breaks, and
/// never breaking a tag or an entity: tags open at a cut are closed at the end of one part and opened again at the
/// start of the next.
/// </summary>
internal static class HtmlSplitter
{
    /// <summary>Telegram's limit on a message's text, counted after entities are parsed.</summary>
    public const int MaxMessageLength = 4096;

    public static IReadOnlyList<string> Split(string html, int maxVisible = MaxMessageLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxVisible, 16);
        if (html.Length <= maxVisible)
        {
            // Tags and entities show as less than they are written, so the text fits: nearly every answer.
            return html.Length == 0 ? [] : [html];
        }

        var parts = new List<string>();
        var open = new List<(string Name, string Tag)>();
        var part = new StringBuilder();
        var visible = 0;
        (int Length, int Visible, List<(string, string)> Open)? lastBreak = null;
        var i = 0;
        while (i < html.Length)
        {
            var (token, isTag, width) = NextToken(html, i);
            if (visible + width > maxVisible)
            {
                // Cut at the last line break of this part if it keeps at least half of it, else right here.
                var rest = new StringBuilder();
                var openAtCut = open;
                if (lastBreak is { } cut && cut.Visible >= maxVisible / 2)
                {
                    rest.Append(part, cut.Length, part.Length - cut.Length);
                    part.Length = cut.Length;
                    openAtCut = cut.Open;
                }

                parts.Add(Close(part, openAtCut));
                var carried = Reopen(openAtCut);
                part.Clear().Append(carried);
                visible = 0;
                lastBreak = null;

                // Replay what followed the break so the open-tag state and the count stay exact.
                var replay = rest.ToString();
                open = [.. openAtCut];
                for (var j = 0; j < replay.Length;)
                {
                    var (t, tag, w) = NextToken(replay, j);
                    Append(part, t, tag, w, open, ref visible, ref lastBreak);
                    j += t.Length;
                }
            }

            Append(part, token, isTag, width, open, ref visible, ref lastBreak);
            i += token.Length;
        }

        if (part.Length > 0)
        {
            parts.Add(part.ToString());
        }

        return parts;
    }

    private static void Append(
        StringBuilder part, string token, bool isTag, int width, List<(string Name, string Tag)> open, ref int visible,
        ref (int Length, int Visible, List<(string, string)> Open)? lastBreak)
    {
        part.Append(token);
        visible += width;
        if (isTag)
        {
            var name = TagName(token);
            if (token.StartsWith("</", StringComparison.Ordinal))
            {
                var index = open.FindLastIndex(o => o.Name == name);
                if (index >= 0)
                {
                    open.RemoveAt(index);
                }
            }
            else
            {
                open.Add((name, token));
            }
        }
        else if (token == "\n")
        {
            lastBreak = (part.Length, visible, [.. open]);
        }
    }

    private static (string Token, bool IsTag, int Width) NextToken(string html, int i)
    {
        if (html[i] == '<' && html.IndexOf('>', i) is var end and > 0)
        {
            return (html[i..(end + 1)], true, 0);
        }

        if (html[i] == '&' && html.IndexOf(';', i) is var semi and > 0 && semi - i <= 10)
        {
            return (html[i..(semi + 1)], false, 1);
        }

        return (html[i].ToString(), false, 1);
    }

    private static string TagName(string tag)
    {
        var start = tag.StartsWith("</", StringComparison.Ordinal) ? 2 : 1;
        var end = start;
        while (end < tag.Length && (char.IsAsciiLetterOrDigit(tag[end]) || tag[end] == '-'))
        {
            end++;
        }

        return tag[start..end];
    }

    private static string Close(StringBuilder part, List<(string Name, string Tag)> open)
    {
        for (var i = open.Count - 1; i >= 0; i--)
        {
            part.Append("</").Append(open[i].Name).Append('>');
        }

        return part.ToString().TrimEnd('\n');
    }

    private static string Reopen(List<(string Name, string Tag)> open) => string.Concat(open.Select(o => o.Tag));
}
