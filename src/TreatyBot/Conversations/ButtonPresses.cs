using Telegram.Bot;
using Telegram.Bot.Types;
using TreatyBot.Delivery;
using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Answers;
using TreatyBot.KnowledgeBase;
using TreatyBot.Rendering;

namespace TreatyBot.Conversations;

/// <summary>
/// A press on a button under the bot's messages: opens a fact (related facts, "did you mean", the timeline) or asks an
/// example question of /start. The press is answered first, always, so Telegram stops the spinner on the button.
/// </summary>
internal sealed class ButtonPresses(ITelegramBotClient bot, Outbox outbox, KnowledgeStore knowledge, FloodControl flood)
{
    public async Task OnPressAsync(CallbackQuery press, CancellationToken cancellationToken)
    {
        var facts = knowledge.Facts;
        var data = CallbackData.Parse(press.Data);
        var fact = data is { Kind: CallbackData.OpenFact } ? facts.Find(data.Value) : null;
        var example = data is { Kind: CallbackData.AskExample } && int.TryParse(data.Value, out var index)
            ? facts.Texts.List("examples", data.Language).ElementAtOrDefault(index)
            : null;

        var expired = fact is null && example is null;
        var verdict = expired ? FloodVerdict.Ignored : flood.Check(press.From.Id);
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
        await outbox.SendReplyAsync(target, AnswerRenderer.Reply(answer, facts), cancellationToken);
    }
}
