using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Facts;
using TreatyBot.Rendering;

namespace TreatyBot.KnowledgeBase;

/// <summary>Checks of the fact base that need the renderer: every reply the bot would send fits Telegram's limit.</summary>
internal static class FactBaseChecks
{
    public static IEnumerable<FactBaseProblem> RenderedReplies(FactBase facts)
    {
        foreach (var fact in facts.Facts)
        {
            foreach (var language in LanguageExtensions.All)
            {
                var html = AnswerRenderer.ToHtml(Answer.Showing(fact, language), facts.Texts);
                if (html.Length > HtmlSplitter.MaxMessageLength)
                {
                    yield return new FactBaseProblem(fact.Location, $"the {language.Code()} reply of '{fact.Id}' is {html.Length} characters; Telegram allows {HtmlSplitter.MaxMessageLength}");
                }
            }
        }
    }
}
