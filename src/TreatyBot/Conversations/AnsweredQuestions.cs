using Microsoft.Extensions.Logging;
using TreatyBot.Curation;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Telemetry;

namespace TreatyBot.Conversations;

/// <summary>
/// What is kept of a question answered in a chat, beside the reply: one log line, the metrics, and — for a question
/// answered badly — an entry in the curation log, without who asked or where (queued, never awaited).
/// </summary>
internal sealed partial class AnsweredQuestions(BotMetrics metrics, CurationRecorder curation, ILogger<AnsweredQuestions> logger)
{
    public void Note(long chatId, Answer answer)
    {
        LogAnswered(chatId, answer.Kind, answer.Fact?.Id, answer.Score);
        metrics.Answered(answer);
        curation.Observe(answer);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat {ChatId}: {Kind} {FactId} (score {Score:F2})")]
    private partial void LogAnswered(long chatId, AnswerKind kind, string? factId, double score);
}
