using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;
using TreatyBot.Curation;
using TreatyBot.Delivery;
using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Facts;
using TreatyBot.KnowledgeBase;
using TreatyBot.Rendering;
using TreatyBot.Storage;

namespace TreatyBot.Conversations;

/// <summary>
/// A press on a button under the bot's messages: opens a fact (related facts, "did you mean", the timeline), asks an
/// example question of /start, or votes 👍 / 👎 on the fact a message shows. The press is answered first, always
/// (a vote once it is stored, with a short "thanks" or "vote changed"), so Telegram stops the spinner on the button.
/// </summary>
internal sealed partial class ButtonPresses(
    ITelegramBotClient bot,
    Outbox outbox,
    KnowledgeStore knowledge,
    IFloodControl flood,
    IFeedback feedback,
    IOptions<FeedbackOptions> feedbackOptions,
    TimeProvider time,
    ILogger<ButtonPresses> logger)
{
    public async Task OnPressAsync(CallbackQuery press, CancellationToken cancellationToken)
    {
        var facts = knowledge.Facts;
        var data = CallbackData.Parse(press.Data);
        if (data is { Kind: CallbackData.VoteUp or CallbackData.VoteDown })
        {
            await OnVoteAsync(press, data, facts, cancellationToken);
            return;
        }

        var fact = data is { Kind: CallbackData.OpenFact } ? facts.Find(data.Value) : null;
        var example = data is { Kind: CallbackData.AskExample } && int.TryParse(data.Value, out var index)
            ? facts.Texts.List("examples", data.Language).ElementAtOrDefault(index)
            : null;

        var expired = fact is null && example is null;
        var verdict = expired ? FloodVerdict.Ignored : await flood.CheckAsync(press.From.Id, cancellationToken);
        var notice = expired ? "button-expired" : verdict == FloodVerdict.SlowDown ? "slow-down" : null;
        var text = notice is null ? null : facts.Texts.Get(notice, data?.Language ?? Language.Ru);
        await outbox.CallAsync(ct => bot.AnswerCallbackQuery(press.Id, text, cancellationToken: ct), cancellationToken);
        if (verdict != FloodVerdict.Allowed || press.Message is not { } message)
        {
            return;
        }

        var target = new ChatTarget(message.Chat.Id, message.IsTopicMessage ? message.MessageThreadId : null);
        var answer = fact is not null
            ? Answer.Showing(fact, data!.Language)
            : knowledge.Answerer.Ask(example!, data!.Language, data.Language);
        await outbox.SendReplyAsync(target, AnswerRenderer.Reply(answer, facts, feedbackOptions.Value.Enabled), cancellationToken);
    }

    /// <summary>
    /// A vote, keyed by who pressed under which message (the store keeps only a keyed hash of that): a second press by
    /// the same person on the same message changes their vote. With feedback off (old buttons) nothing is stored; a
    /// store that fails costs the vote, logged, and the press is still answered.
    /// </summary>
    private async Task OnVoteAsync(CallbackQuery press, CallbackData data, FactBase facts, CancellationToken cancellationToken)
    {
        var fact = facts.Find(data.Value);
        string? notice = null;
        if (fact is null)
        {
            notice = "button-expired";
        }
        else if (feedbackOptions.Value.Enabled && press.Message is { } message)
        {
            var verdict = await flood.CheckAsync(press.From.Id, cancellationToken);
            notice = verdict switch
            {
                FloodVerdict.Allowed => await VoteAsync(new Voter(message.Chat.Id, message.MessageId, press.From.Id), fact, data, cancellationToken),
                FloodVerdict.SlowDown => "slow-down",
                _ => null,
            };
        }

        var text = notice is null ? null : facts.Texts.Get(notice, data.Language);
        await outbox.CallAsync(ct => bot.AnswerCallbackQuery(press.Id, text, cancellationToken: ct), cancellationToken);
    }

    private async Task<string?> VoteAsync(Voter voter, Fact fact, CallbackData data, CancellationToken cancellationToken)
    {
        var vote = data.Kind == CallbackData.VoteUp ? Vote.Up : Vote.Down;
        try
        {
            var result = await feedback.VoteAsync(voter, fact.Id, vote, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), cancellationToken);
            return result == VoteResult.Changed ? "feedback-changed" : "feedback-thanks";
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogVoteFailed(ex, fact.Id);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A vote on {FactId} could not be stored; the press is answered without it")]
    private partial void LogVoteFailed(Exception exception, string factId);
}
