using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Rendering;

/// <summary>Checks of the fact base that need the renderer: every reply the bot would send fits Telegram's limit.</summary>
public static class FactBaseChecks
{
    /// <summary>Telegram's limit on a message's text, counted after entities are parsed.</summary>
    public const int MaxMessageLength = 4096;

    public static IEnumerable<FactBaseProblem> RenderedReplies(FactBase facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        foreach (var fact in facts.Facts)
        {
            foreach (var language in (Language[])[Language.Ru, Language.En])
            {
                var answer = new Answer("", language, AnswerKind.Fact, fact, 1, [], null);
                var html = AnswerRenderer.ToHtml(answer, facts.Texts);
                if (html.Length > MaxMessageLength)
                {
                    yield return new FactBaseProblem(fact.Location, $"the {language.Code()} reply of '{fact.Id}' is {html.Length} characters; Telegram allows {MaxMessageLength}");
                }
            }
        }
    }
}
