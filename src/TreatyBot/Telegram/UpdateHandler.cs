using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using TreatyBot.Hosting;
using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Rendering;

namespace TreatyBot.Telegram;

/// <summary>
/// Handles one update: the seam between transport (polling, later a webhook) and the answering pipeline.
/// A failure is logged and contained here, so one bad update never stops the others.
/// </summary>
public sealed partial class UpdateHandler(
    ITelegramBotClient bot, KnowledgeStore knowledge, BotIdentity identity, ILogger<UpdateHandler> logger)
{
    public async Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        try
        {
            await RouteAsync(update, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogUpdateFailed(ex, update.Id, update.Type);
        }
    }

    private Task RouteAsync(Update update, CancellationToken cancellationToken)
    {
        if (update.Message is not { Chat.Type: ChatType.Private } message)
        {
            return Task.CompletedTask;
        }

        var texts = knowledge.Facts.Texts;
        var userLanguage = LanguageExtensions.FromCode(message.From?.LanguageCode);
        if (message.Text is not { } text)
        {
            return SendAsync(message, Html.Escape(texts.Get("non-text", userLanguage ?? Language.Ru)), cancellationToken);
        }

        if (BotCommand.Parse(text) is { } command)
        {
            if (!command.IsFor(identity.Username))
            {
                return Task.CompletedTask;
            }

            var language = userLanguage ?? Language.Ru;
            return command.Name switch
            {
                "start" => SendAsync(message, Greeting(language), cancellationToken),
                "help" => SendAsync(message, Html.Escape(texts.Get("help", language).Replace("{bot}", identity.Mention, StringComparison.Ordinal)), cancellationToken),
                "ask" => AnswerAsync(message, command.Argument, userLanguage, cancellationToken),
                _ => SendAsync(message, Html.Escape(texts.Get("unknown-command", language)), cancellationToken),
            };
        }

        return AnswerAsync(message, text, userLanguage, cancellationToken);
    }

    private Task AnswerAsync(Message message, string question, Language? userLanguage, CancellationToken cancellationToken)
    {
        var answerer = knowledge.Answerer;
        var answer = answerer.Ask(question, userLanguage ?? Language.Ru);
        LogAnswered(message.Chat.Id, answer.Kind, answer.Fact?.Id, answer.Score);
        return SendAsync(message, AnswerRenderer.ToHtml(answer, answerer.Facts.Texts), cancellationToken);
    }

    private string Greeting(Language language)
    {
        var texts = knowledge.Facts.Texts;
        var examples = texts.List("examples", language).Select(e => "\n• " + Html.Escape(e));
        return Html.Escape(texts.Get("greeting", language)) + string.Concat(examples);
    }

    private async Task SendAsync(Message question, string html, CancellationToken cancellationToken) =>
        await bot.SendMessage(
            question.Chat.Id,
            html,
            ParseMode.Html,
            replyParameters: new ReplyParameters { MessageId = question.Id, AllowSendingWithoutReply = true },
            linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true },
            cancellationToken: cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "Update {UpdateId} ({UpdateType}) failed; it is skipped")]
    private partial void LogUpdateFailed(Exception exception, int updateId, UpdateType updateType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat {ChatId}: {Kind} {FactId} (score {Score:F2})")]
    private partial void LogAnswered(long chatId, AnswerKind kind, string? factId, double score);
}
