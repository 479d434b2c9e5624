using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Facts;
using TreatyBot.Rendering;

namespace TreatyBot.Telegram;

/// <summary>
/// The reply to an answer: its HTML and its buttons. An answer that shows a fact depends only on the fact, the language
/// and the kind of answer, so that reply is rendered the first time it is needed and kept with its fact base; a
/// reloaded fact base starts afresh. "Did you mean" lists and short texts are rendered each time.
/// </summary>
public static class FactReplies
{
    private static readonly ConditionalWeakTable<FactBase, ConcurrentDictionary<(string Id, Language Language, AnswerKind Kind, string? Caveat), Reply>> Rendered = [];

    public static Reply For(Answer answer, FactBase facts)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(facts);
        if (answer is not { Fact: { } fact } || answer.Kind == AnswerKind.Candidates)
        {
            return Render(answer, facts);
        }

        return Rendered.GetOrCreateValue(facts).GetOrAdd((fact.Id, answer.Language, answer.Kind, answer.Reply), static (_, state) => Render(state.answer, state.facts), (answer, facts));
    }

    private static Reply Render(Answer answer, FactBase facts) =>
        new(AnswerRenderer.ToHtml(answer, facts), Keyboards.For(answer, facts));
}
