using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using Telegram.Bot.Types.ReplyMarkups;
using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Rendering;

/// <summary>
/// Where an <see cref="Answer"/> becomes a Telegram reply: the direct answer in bold, the detail, a visible mark on
/// disputed facts, the seed excerpt in an expandable quote, the sources as links, and the buttons under it (related
/// facts, or the candidates of "did you mean"; 👍 / 👎 under a fact when feedback is on). Every value passes through <see cref="Html.Escape"/>. Also renders the
/// same answer as plain text for the terminal.
/// </summary>
internal static class AnswerRenderer
{
    /// <summary>An answer names at most this many sources; /sources lists them all.</summary>
    public const int MaxShownSources = 3;

    private const int MaxRelated = 3;

    /// <summary>
    /// A reply that shows a fact depends only on the fact, the language and the kind of answer (and a partial answer's
    /// caveat, and whether it carries the vote buttons, which name only the fact), so it is rendered the first time it is
    /// needed and kept with its fact base; a reloaded base starts afresh.
    /// </summary>
    private static readonly ConditionalWeakTable<FactBase, ConcurrentDictionary<(string Id, Language Language, AnswerKind Kind, string? Caveat, bool Feedback), Reply>> Rendered = [];

    /// <summary>
    /// The reply to an answer: its HTML and its buttons; a page asked for in a word («хронология») is that page. With
    /// <paramref name="feedback"/>, a reply that shows a fact also has 👍 / 👎 under it.
    /// </summary>
    public static Reply Reply(Answer answer, FactBase facts, bool feedback = false)
    {
        return answer switch
        {
            { Kind: AnswerKind.Page, Page: BotPage.Timeline } => PageRenderer.Timeline(facts, answer.Language, answer.Year),
            { Kind: AnswerKind.Page, Page: BotPage.Sources } => PageRenderer.Sources(facts, answer.Language),
            { Kind: AnswerKind.Candidates } or { Fact: null } => Render(answer, facts, feedback: false),
            { Also.Count: > 0 } => Render(answer, facts, feedback),
            { Fact: { } fact } => Rendered.GetOrCreateValue(facts).GetOrAdd(
                (fact.Id, answer.Language, answer.Kind, answer.Reply, feedback), static (key, state) => Render(state.answer, state.facts, key.Feedback), (answer, facts)),
        };
    }

    /// <summary>The button that opens a fact.</summary>
    public static InlineKeyboardButton FactButton(Fact fact, Language language)
    {
        return InlineKeyboardButton.WithCallbackData(fact.Title[language], CallbackData.Fact(language, fact.Id).ToString());
    }

    /// <summary>The 👍 / 👎 row under a fact.</summary>
    public static InlineKeyboardButton[] VoteButtons(Fact fact, Language language, UiTexts texts)
    {
        ArgumentNullException.ThrowIfNull(fact);
        ArgumentNullException.ThrowIfNull(texts);
        return
        [
            InlineKeyboardButton.WithCallbackData(texts.Get("feedback-up", language), CallbackData.Vote(language, fact.Id, up: true).ToString()),
            InlineKeyboardButton.WithCallbackData(texts.Get("feedback-down", language), CallbackData.Vote(language, fact.Id, up: false).ToString()),
        ];
    }

    private static Reply Render(Answer answer, FactBase facts, bool feedback) => new(ToHtml(answer, facts.Texts), Keyboard(answer, facts, feedback));

    /// <summary>
    /// Under an answer: related facts, then 👍 / 👎 if <paramref name="feedback"/>; under "did you mean": the candidates.
    /// Null when there is nothing to offer.
    /// </summary>
    private static InlineKeyboardMarkup? Keyboard(Answer answer, FactBase facts, bool feedback)
    {
        IEnumerable<Fact> offered = answer.Kind switch
        {
            AnswerKind.Candidates => answer.Candidates.Select(c => c.Fact),
            AnswerKind.Fact or AnswerKind.Partial => answer.Fact!.Related.Select(facts.Find).OfType<Fact>().Take(MaxRelated),
            _ => [],
        };
        var rows = offered.Select(f => new[] { FactButton(f, answer.Language) }).ToList();
        if (feedback && answer is { Kind: AnswerKind.Fact or AnswerKind.Partial, Fact: { } fact })
        {
            rows.Add(VoteButtons(fact, answer.Language, facts.Texts));
        }

        return rows.Count == 0 ? null : new InlineKeyboardMarkup(rows);
    }

    /// <summary>
    /// The sources an answer shows: primary texts first, then reference works, scholarship and the press, weak sites
    /// (aggregators, blogs, forums, mirrors) last; at most <see cref="MaxShownSources"/>, so a weak site shows only
    /// where nothing better is cited. The curator's order breaks ties.
    /// </summary>
    public static IReadOnlyList<Citation> ShownCitations(Fact fact)
    {
        return [.. fact.Citations.OrderBy(c => c.Source.Kind).Take(MaxShownSources)];
    }

    /// <summary>The answer in Telegram HTML; a page asked for in a word («хронология») is that page.</summary>
    public static string ToHtml(Answer answer, FactBase facts) => Reply(answer, facts).Html;

    public static string ToHtml(Answer answer, UiTexts texts)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.Also.Count == 0
            ? OneToHtml(answer, texts)
            : string.Join("\n\n", [OneToHtml(answer, texts), .. answer.Also.Select(also => OneToHtml(also, texts))]);
    }

    private static string OneToHtml(Answer answer, UiTexts texts)
    {
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

        html.Append("<b>");
        if (answer.Kind == AnswerKind.Fact && answer.Reply is { } opening)
        {
            html.Append(Html.Escape(opening)).Append(' ');
        }

        html.Append(Html.Escape(fact.Answer[language])).Append("</b>");
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

        var citations = ShownCitations(fact);
        html.Append('\n').Append(Html.Escape(texts.Get(citations.Count > 1 ? "sources" : "source", language))).Append(": ");
        for (var i = 0; i < citations.Count; i++)
        {
            var citation = citations[i];
            html.Append(i == 0 ? "" : "; ")
                .Append("<a href=\"").Append(Html.Escape(citation.Source.Url.AbsoluteUri)).Append("\">")
                .Append(Html.Escape(citation.Source.Title[language])).Append("</a>");
            if (citation.Locator is { } locator)
            {
                html.Append(", ").Append(Html.Escape(locator[language]));
            }
        }

        return html.ToString();
    }

    /// <summary>The answer as readable terminal text; a page asked for in a word is that page.</summary>
    public static string ToPlainText(Answer answer, FactBase facts)
    {
        return answer switch
        {
            { Kind: AnswerKind.Page, Page: BotPage.Timeline } => PageRenderer.TimelineText(facts, answer.Language, answer.Year),
            { Kind: AnswerKind.Page, Page: BotPage.Sources } => PageRenderer.SourcesText(facts, answer.Language),
            _ => ToPlainText(answer, facts.Texts),
        };
    }

    /// <summary>
    /// The answer as readable terminal text: answer, detail, dispute, «excerpt», sources with their hosts; the answers to
    /// a message's other questions after it.
    /// </summary>
    public static string ToPlainText(Answer answer, UiTexts texts)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var separator = Environment.NewLine + Environment.NewLine;
        return answer.Also.Count == 0
            ? OneToPlainText(answer, texts)
            : string.Join(separator, [OneToPlainText(answer, texts), .. answer.Also.Select(also => OneToPlainText(also, texts))]);
    }

    private static string OneToPlainText(Answer answer, UiTexts texts)
    {
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
        else if (answer.Reply is { } opening)
        {
            text.Append(opening).Append(' ');
        }

        text.Append(fact.Statement(language));
        if (fact.Dispute is { } dispute)
        {
            text.AppendLine().AppendLine().Append(texts.Get("disputed", language)).Append(": ").Append(dispute[language]);
        }

        if (fact.Excerpt is { } excerpt)
        {
            text.AppendLine().AppendLine().Append(texts.Get("excerpt-label", language)).Append(": «").Append(excerpt).Append('»');
        }

        text.AppendLine().AppendLine();
        var citations = ShownCitations(fact);
        text.Append(texts.Get(citations.Count > 1 ? "sources" : "source", language)).Append(':');
        foreach (var citation in citations)
        {
            text.AppendLine().Append("  - ").Append(citation.Source.Title[language]);
            if (citation.Locator is { } locator)
            {
                text.Append(", ").Append(locator[language]);
            }

            // The host only: a full address is often long and percent-encoded; the HTML reply carries the link.
            text.Append(" (").Append(citation.Source.Url.IdnHost).Append(')');
        }

        return text.ToString();
    }

    /// <summary>What an answer says, as one plain text: a partial answer's caveat and its fact, a fact, or the bot's reply.</summary>
    public static string PlainReply(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var reply = answer switch
        {
            { Fact: { } fact, Reply: { } words } => words + " " + fact.Statement(answer.Language),
            { Fact: { } fact } => fact.Statement(answer.Language),
            _ => answer.Reply ?? "",
        };
        return answer.Also.Count == 0 ? reply : string.Join(' ', [reply, .. answer.Also.Select(PlainReply)]);
    }
}
