using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using TreatyBot.Delivery;
using TreatyBot.Hosting;
using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Facts;
using TreatyBot.Rendering;
using TreatyBot.Telemetry;

namespace TreatyBot.Telegram;

/// <summary>
/// Handles one update: the seam between transport (polling, later a webhook) and the answering pipeline, and the one
/// error boundary — a failure is logged and contained here, so one bad update never stops the others.
/// Commands are a table of declarations; private chats, groups and channels differ only in what counts as addressed.
/// </summary>
public sealed partial class UpdateHandler : IBotUpdateHandler
{
    private readonly ITelegramBotClient bot;
    private readonly Outbox outbox;
    private readonly KnowledgeStore knowledge;
    private readonly BotIdentity me;
    private readonly ChatPreferences preferences;
    private readonly ReplySender sender;
    private readonly InlineQueryHandler inline;
    private readonly FloodControl flood;
    private readonly BotMetrics metrics;
    private readonly ILogger<UpdateHandler> logger;
    private readonly Dictionary<string, Command> commands;

    public UpdateHandler(
        ITelegramBotClient bot,
        Outbox outbox,
        KnowledgeStore knowledge,
        BotIdentity me,
        ChatPreferences preferences,
        ReplySender sender,
        InlineQueryHandler inline,
        FloodControl flood,
        BotMetrics metrics,
        ILogger<UpdateHandler> logger)
    {
        this.metrics = metrics;
        this.bot = bot;
        this.outbox = outbox;
        this.knowledge = knowledge;
        this.me = me;
        this.preferences = preferences;
        this.sender = sender;
        this.inline = inline;
        this.flood = flood;
        this.logger = logger;
        commands = new(StringComparer.Ordinal)
        {
            ["start"] = new(Private: StartAsync, Group: GroupHelpAsync),
            ["help"] = new(Private: HelpAsync, Group: GroupHelpAsync),
            ["ask"] = new(Private: AskAsync, Group: AskAsync),
            ["timeline"] = new(Private: TimelineAsync, Group: null),
            ["sources"] = new(Private: SourcesAsync, Group: null),
            ["lang"] = new(Private: LanguageAsync, Group: LanguageAsync),
        };
    }

    /// <summary>What a command does in a private chat, and in a group or channel (null: ignored there).</summary>
    private sealed record Command(Func<Conversation, string, CancellationToken, Task> Private, Func<Conversation, string, CancellationToken, Task>? Group);

    /// <summary>One message the bot is answering, and the language to answer in when the question does not decide it.</summary>
    private sealed record Conversation(Message Message, ChatTarget Target, Language? Chosen, Language? User, bool InGroup)
    {
        public Language Language => Chosen ?? User ?? Language.Ru;
    }

    private FactBase Facts => knowledge.Facts;

    public async Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        try
        {
            await (update switch
            {
                { Message: { } message } => OnMessageAsync(message, cancellationToken),
                { ChannelPost: { } post } => OnChannelPostAsync(post, cancellationToken),
                { CallbackQuery: { } press } => OnButtonAsync(press, cancellationToken),
                { InlineQuery: { } query } => inline.AnswerAsync(query, cancellationToken),
                _ => Task.CompletedTask,
            });
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogUpdateFailed(ex, update.Id, update.Type);
        }
    }

    private Task OnMessageAsync(Message message, CancellationToken cancellationToken)
    {
        var conversation = new Conversation(
            message,
            ChatTarget.For(message),
            preferences.LanguageOf(message.Chat.Id),
            LanguageExtensions.FromCode(message.From?.LanguageCode),
            InGroup: message.Chat.Type is not ChatType.Private);

        if (conversation.InGroup)
        {
            return Addressing.Read(message, me) is { } addressed
                ? Limited(conversation, () => OnAddressedAsync(conversation, addressed, cancellationToken), cancellationToken)
                : Task.CompletedTask;
        }

        return Limited(conversation, () => OnPrivateMessageAsync(conversation, cancellationToken), cancellationToken);
    }

    private Task OnPrivateMessageAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        var message = conversation.Message;
        if (message.Text is not { } text)
        {
            return SendTextAsync(conversation, "non-text", cancellationToken);
        }

        return ParsedCommand.Parse(text) is { } command
            ? (command.IsFor(me.Username) ? OnAddressedAsync(conversation, new Addressed(command, command.Argument), cancellationToken) : Task.CompletedTask)
            : AnswerAsync(conversation, Addressing.WithoutMention(text, message, me), cancellationToken);
    }

    private Task OnChannelPostAsync(Message post, CancellationToken cancellationToken)
    {
        // In a channel the bot answers /ask and mentions; posts have no author to reply to, so replies do not count.
        if (Addressing.Read(post, me, repliesCount: false) is not { } addressed || addressed.Command is { Name: not "ask" })
        {
            return Task.CompletedTask;
        }

        var conversation = new Conversation(post, ChatTarget.For(post), preferences.LanguageOf(post.Chat.Id), null, InGroup: true);
        return Limited(conversation, () => AnswerAsync(conversation, addressed.Question, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Flood control, where a message for the bot is taken: answered within the sender's limit; the first one over it
    /// gets one "slow down", the rest nothing, so a flooding sender costs the others no time.
    /// </summary>
    private Task Limited(Conversation conversation, Func<Task> answer, CancellationToken cancellationToken) =>
        flood.Check(SenderOf(conversation.Message)) switch
        {
            FloodVerdict.Allowed => answer(),
            FloodVerdict.SlowDown => SendTextAsync(conversation, "slow-down", cancellationToken),
            _ => Task.CompletedTask,
        };

    /// <summary>Who asked: the user, or the chat for anonymous admins and channel posts.</summary>
    private static long SenderOf(Message message) => message.SenderChat?.Id ?? message.From?.Id ?? message.Chat.Id;

    private Task OnAddressedAsync(Conversation conversation, Addressed addressed, CancellationToken cancellationToken)
    {
        if (addressed.Command is not { } command)
        {
            return AnswerAsync(conversation, addressed.Question, cancellationToken);
        }

        if (!commands.TryGetValue(command.Name, out var route))
        {
            // In a group an unknown command was most likely for someone else: stay quiet there.
            return conversation.InGroup ? Task.CompletedTask : SendTextAsync(conversation, "unknown-command", cancellationToken);
        }

        var handler = conversation.InGroup ? route.Group : route.Private;
        return handler is null ? Task.CompletedTask : handler(conversation, addressed.Question, cancellationToken);
    }

    private Task StartAsync(Conversation conversation, string argument, CancellationToken cancellationToken) =>
        sender.SendAsync(conversation.Target, new Reply(PageRenderer.Greeting(Facts.Texts, conversation.Language), Keyboards.Examples(Facts.Texts, conversation.Language)), cancellationToken);

    private Task HelpAsync(Conversation conversation, string argument, CancellationToken cancellationToken) =>
        sender.SendAsync(conversation.Target, new Reply(PageRenderer.Help(Facts.Texts, conversation.Language, me.Mention, group: false)), cancellationToken);

    private Task GroupHelpAsync(Conversation conversation, string argument, CancellationToken cancellationToken) =>
        sender.SendAsync(conversation.Target, new Reply(PageRenderer.Help(Facts.Texts, conversation.Language, me.Mention, group: true)), cancellationToken);

    private Task TimelineAsync(Conversation conversation, string argument, CancellationToken cancellationToken) =>
        sender.SendAsync(conversation.Target, new Reply(PageRenderer.Timeline(Facts, conversation.Language), Keyboards.Timeline(Facts, conversation.Language)), cancellationToken);

    private Task SourcesAsync(Conversation conversation, string argument, CancellationToken cancellationToken) =>
        sender.SendAsync(conversation.Target, new Reply(PageRenderer.Sources(Facts, conversation.Language)), cancellationToken);

    private Task AskAsync(Conversation conversation, string question, CancellationToken cancellationToken) =>
        AnswerAsync(conversation, question, cancellationToken);

    private Task LanguageAsync(Conversation conversation, string argument, CancellationToken cancellationToken)
    {
        if (argument.Trim().ToLowerInvariant() is not ("ru" or "en") || LanguageExtensions.FromCode(argument) is not { } language)
        {
            return SendTextAsync(conversation, "lang-usage", cancellationToken);
        }

        preferences.SetLanguage(conversation.Message.Chat.Id, language);
        return SendTextAsync(conversation with { Chosen = language }, "lang-set", cancellationToken);
    }

    private Task AnswerAsync(Conversation conversation, string question, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            return SendTextAsync(conversation, "empty-question", cancellationToken);
        }

        var answerer = knowledge.Answerer;
        var answer = answerer.Ask(question, conversation.User ?? Language.Ru, conversation.Chosen);
        LogAnswered(conversation.Message.Chat.Id, answer.Kind, answer.Fact?.Id, answer.Score);
        metrics.Answered(answer);
        return sender.SendAsync(conversation.Target, FactReplies.For(answer, answerer.Facts), cancellationToken);
    }

    private async Task OnButtonAsync(CallbackQuery press, CancellationToken cancellationToken)
    {
        var data = CallbackData.Parse(press.Data);
        var fact = data is { Kind: CallbackData.OpenFact } ? Facts.Find(data.Value) : null;
        var example = data is { Kind: CallbackData.AskExample } && int.TryParse(data.Value, out var index)
            ? Facts.Texts.List("examples", data.Language).ElementAtOrDefault(index)
            : null;

        // Telegram shows a spinner on the button until the press is answered: answer first, always.
        var expired = fact is null && example is null;
        var verdict = expired ? FloodVerdict.Ignored : flood.Check(press.From.Id);
        var notice = expired ? "button-expired" : verdict == FloodVerdict.SlowDown ? "slow-down" : null;
        var text = notice is null ? null : Facts.Texts.Get(notice, data?.Language ?? Language.Ru);
        await outbox.CallAsync(ct => bot.AnswerCallbackQuery(press.Id, text, cancellationToken: ct), cancellationToken);
        if (verdict != FloodVerdict.Allowed || press.Message is not { } message)
        {
            return;
        }

        var target = new ChatTarget(message.Chat.Id, message.IsTopicMessage ? message.MessageThreadId : null);
        var answer = fact is not null
            ? new Answer(fact.Title[data!.Language], data.Language, AnswerKind.Fact, fact, 1, [], null)
            : knowledge.Answerer.Ask(example!, data!.Language, data.Language);
        await sender.SendAsync(target, FactReplies.For(answer, Facts), cancellationToken);
    }

    private Task SendTextAsync(Conversation conversation, string key, CancellationToken cancellationToken) =>
        sender.SendAsync(conversation.Target, new Reply(Html.Escape(Facts.Texts.Get(key, conversation.Language))), cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "Update {UpdateId} ({UpdateType}) failed; it is skipped")]
    private partial void LogUpdateFailed(Exception exception, int updateId, UpdateType updateType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat {ChatId}: {Kind} {FactId} (score {Score:F2})")]
    private partial void LogAnswered(long chatId, AnswerKind kind, string? factId, double score);
}
