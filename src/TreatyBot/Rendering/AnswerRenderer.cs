using System.Text;
using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Rendering;

/// <summary>
/// The one place that writes Telegram HTML: the direct answer in bold, the detail, a visible mark on disputed facts,
/// the seed excerpt in an expandable quote, and the sources as links. Every value passes through <see cref="Html.Escape"/>.
/// Also renders the same answer as plain text for the terminal.
/// </summary>
public static class AnswerRenderer
{
    /// <summary>The answer in Telegram HTML; a page asked for in a word («хронология») is that page.</summary>
    public static string ToHtml(Answer answer, FactBase facts)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(facts);
        return answer switch
        {
            { Kind: AnswerKind.Page, Page: BotPage.Timeline } => PageRenderer.Timeline(facts, answer.Language),
            { Kind: AnswerKind.Page, Page: BotPage.Sources } => PageRenderer.Sources(facts, answer.Language),
            _ => ToHtml(answer, facts.Texts),
        };
    }

    public static string ToHtml(Answer answer, UiTexts texts)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(texts);
        var language = answer.Language;
        if (answer.Kind == AnswerKind.Candidates)
        {
            var list = new StringBuilder(Html.Escape(answer.Reply ?? ""));
            foreach (var candidate in answer.Candidates)
            {
                list.Append("\n• ").Append(Html.Escape(candidate.Fact.Title[language]));
            }

            return list.ToString();
        }

        if (answer.Fact is not { } fact)
        {
            return Html.Escape(answer.Reply ?? "");
        }

        var html = new StringBuilder();
        if (answer.Kind == AnswerKind.Partial && answer.Reply is { } caveat)
        {
            html.Append("<i>").Append(Html.Escape(caveat)).Append("</i>\n\n");
        }

        html.Append("<b>").Append(Html.Escape(fact.Answer[language])).Append("</b>");
        if (fact.Detail is { } detail)
        {
            html.Append('\n').Append(Html.Escape(detail[language]));
        }

        if (fact.Dispute is { } dispute)
        {
            html.Append("\n\n⚖️ <i>").Append(Html.Escape(texts.Get("disputed", language))).Append(":</i> ")
                .Append(Html.Escape(dispute[language]));
        }

        if (fact.Excerpt is { } excerpt)
        {
            html.Append("\n\n<i>").Append(Html.Escape(texts.Get("excerpt-label", language))).Append(":</i>")
                .Append("\n<blockquote expandable>").Append(Html.Escape(excerpt)).Append("</blockquote>");
        }
        else
        {
            html.Append('\n');
        }

        html.Append('\n').Append(Html.Escape(texts.Get(fact.Citations.Count > 1 ? "sources" : "source", language))).Append(": ");
        for (var i = 0; i < fact.Citations.Count; i++)
        {
            var citation = fact.Citations[i];
            html.Append(i == 0 ? "" : "; ")
                .Append("<a href=\"").Append(Html.Escape(citation.Source.Url.AbsoluteUri)).Append("\">")
                .Append(Html.Escape(citation.Source.Title)).Append("</a>");
            if (citation.Locator is { } locator)
            {
                html.Append(", ").Append(Html.Escape(locator));
            }
        }

        return html.ToString();
    }

    /// <summary>The answer as readable terminal text; a page asked for in a word is that page.</summary>
    public static string ToPlainText(Answer answer, FactBase facts)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(facts);
        return answer switch
        {
            { Kind: AnswerKind.Page, Page: BotPage.Timeline } => PageRenderer.TimelineText(facts, answer.Language),
            { Kind: AnswerKind.Page, Page: BotPage.Sources } => PageRenderer.SourcesText(facts, answer.Language),
            _ => ToPlainText(answer, facts.Texts),
        };
    }

    /// <summary>The answer as readable terminal text: answer, detail, dispute, «excerpt», sources with addresses.</summary>
    public static string ToPlainText(Answer answer, UiTexts texts)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(texts);
        var language = answer.Language;
        if (answer.Kind == AnswerKind.Candidates)
        {
            return (answer.Reply ?? "") + string.Concat(answer.Candidates.Select(c => $"{Environment.NewLine}  • {c.Fact.Title[language]}"));
        }

        if (answer.Fact is not { } fact)
        {
            return answer.Reply ?? "";
        }

        var text = new StringBuilder();
        if (answer.Kind == AnswerKind.Partial && answer.Reply is { } caveat)
        {
            text.Append(caveat).AppendLine().AppendLine();
        }

        text.Append(PlainAnswer(fact, language));
        if (fact.Dispute is { } dispute)
        {
            text.AppendLine().AppendLine().Append(texts.Get("disputed", language)).Append(": ").Append(dispute[language]);
        }

        if (fact.Excerpt is { } excerpt)
        {
            text.AppendLine().AppendLine().Append(texts.Get("excerpt-label", language)).Append(": «").Append(excerpt).Append('»');
        }

        text.AppendLine().AppendLine();
        text.Append(texts.Get(fact.Citations.Count > 1 ? "sources" : "source", language)).Append(':');
        foreach (var citation in fact.Citations)
        {
            text.AppendLine().Append("  - ").Append(citation.Source.Title);
            if (citation.Locator is { } locator)
            {
                text.Append(", ").Append(locator);
            }

            text.Append(" — ").Append(citation.Source.Url.AbsoluteUri);
        }

        return text.ToString();
    }

    /// <summary>The direct answer and its detail, as plain text (no excerpt, no sources).</summary>
    public static string PlainAnswer(Fact fact, Language language)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return fact.Detail is { } detail ? fact.Answer[language] + " " + detail[language] : fact.Answer[language];
    }
}
