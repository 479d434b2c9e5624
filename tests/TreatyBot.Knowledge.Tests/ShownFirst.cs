using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Tests.Knowledge;

/// <summary>What an answer puts before the asker first: its fact (sure or with the caveat), or the first of its options.</summary>
internal static class ShownFirst
{
    public static Fact? Of(Answer answer) => answer.Kind == AnswerKind.Candidates ? answer.Candidates[0].Fact : answer.Fact;
}
