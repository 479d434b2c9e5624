using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using TreatyBot.Anniversaries;
using TreatyBot.Curation;
using TreatyBot.Delivery;
using TreatyBot.Knowledge;
using TreatyBot.KnowledgeBase;
using TreatyBot.Receiving;
using TreatyBot.Rendering;
using TreatyBot.Storage;

namespace TreatyBot.Conversations;

/// <summary>
/// Where an update goes, as declarations: messages and channel posts are answered here (the commands are a table;
/// private chats, groups and channels differ only in what counts as addressed), button presses go to
/// <see cref="ButtonPresses"/>, inline queries to <see cref="InlineQueryHandler"/>. Also the one error boundary: a failure
/// is logged and contained here, so one bad update never stops the others.
/// </summary>
internal sealed partial class UpdateRouter : IBotUpdateHandler
{
    private readonly Outbox outbox;
    private readonly KnowledgeStore knowledge;
    private readonly BotIdentity me;
    private readonly ChatPreferences preferences;
    private readonly IFloodControl flood;
    private readonly AnniversaryCommands anniversaries;
    private readonly AnsweredQuestions answered;
    private readonly bool feedback;
    private readonly ILogger<UpdateRouter> logger;
    private readonly Func<Update, CancellationToken, Task> buttons;
    private readonly Func<Update, CancellationToken, Task> inline;
    private readonly Dictionary<string, Command> commands;

    public UpdateRouter(
        Outbox outbox,
        KnowledgeStore knowledge,
        BotIdentity me,
        ChatPreferences preferences,
        IFloodControl flood,
        ButtonPresses buttons,
        InlineQueryHandler inline,
        AnniversaryCommands anniversaries,
        AnsweredQuestions answered,
        IOptions<FeedbackOptions> feedback,
        ILogger<UpdateRouter> logger)
    {
        this.outbox = outbox;
        this.knowledge = knowledge;
        this.me = me;
        this.preferences = preferences;
        this.flood = flood;
        this.anniversaries = anniversaries;
        this.answered = answered;
        this.feedback = feedback.Value.Enabled;
        this.logger = logger;
        this.buttons = (update, ct) => buttons.OnPressAsync(update.CallbackQuery!, ct);
        this.inline = (update, ct) => inline.AnswerAsync(update.InlineQuery!, ct);
        commands = new(StringComparer.Ordinal)
        {
            ["start"] = new(Private: StartAsync, Group: GroupHelpAsync),
            ["help"] = new(Private: HelpAsync, Group: GroupHelpAsync),
            ["ask"] = new(Private: AnswerAsync, Group: AnswerAsync),
            ["timeline"] = new(Private: TimelineAsync, Group: null),
            ["sources"] = new(Private: SourcesAsync, Group: null),
            ["lang"] = new(Private: LanguageAsync, Group: LanguageAsync),
            ["today"] = Both((c, _, ct) => anniversaries.TodayAsync(c.Message, c.Target, c.Language, ct)),
            ["subscribe"] = Both((c, time, ct) => anniversaries.SubscribeAsync(c.Message, c.Target, c.Language, time, ct)),
            ["unsubscribe"] = Both((c, _, ct) => anniversaries.UnsubscribeAsync(c.Message, c.Target, c.Language, ct)),
            ["subscription"] = Both((c, _, ct) => anniversaries.ShowAsync(c.Message, c.Target, c.Language, ct)),
        };
    }

    /// <summary>The commands a channel post may give (a channel has no /help or /lang audience: its posts are public).</summary>
    private static readonly HashSet<string> ChannelCommands = new(StringComparer.Ordinal) { "ask", "today", "subscribe", "unsubscribe", "subscription" };

    /// <summary>What a command does in a private chat, and in a group or channel (null: ignored there).</summary>
    private sealed record Command(Func<Conversation, string, CancellationToken, Task> Private, Func<Conversation, string, CancellationToken, Task>? Group);

    /// <summary>A command that does the same in private chats, groups and channels.</summary>
    private static Command Both(Func<Conversation, string, CancellationToken, Task> handler) => new(handler, handler);

    /// <summary>One message the bot is answering, and the language to answer in when the question does not decide it.</summary>
    private sealed record Conversation(Message Message, ChatTarget Target, Language? Chosen, Language? User, bool InGroup)
    {
        public Language Language => Chosen ?? User ?? Language.Ru;
    }

    private Knowledge.Facts.FactBase Facts => knowledge.Facts;

    public async Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        try
        {
            await (update.Type switch
            {
                UpdateType.Message => OnMessageAsync(update.Message!, cancellationToken),
                UpdateType.ChannelPost => OnChannelPostAsync(update.ChannelPost!, cancellationToken),
                UpdateType.CallbackQuery => buttons(update, cancellationToken),
                UpdateType.InlineQuery => inline(update, cancellationToken),
                _ => Task.CompletedTask,
            });
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogUpdateFailed(ex, update.Id, update.Type);
        }
    }

    private async Task OnMessageAsync(Message message, CancellationToken cancellationToken)
    {
        if (message.MigrateToChatId is { } supergroup)
        {
            // The service message of a group that became a supergroup: what the bot keeps for the chat follows it.
            if (await preferences.LanguageOfAsync(message.Chat.Id, cancellationToken) is { } language)
            {
                await preferences.SetLanguageAsync(supergroup, language, cancellationToken);
            }

            await anniversaries.MigratedAsync(message.Chat.Id, supergroup, cancellationToken);
            return;
        }

        var inGroup = message.Chat.Type is not ChatType.Private;
        var addressed = inGroup ? Addressing.Read(message, me) : null;
        if (inGroup && addressed is null)
        {
            // Chatter in a group: not for the bot, so not even the chat's language is looked up.
            return;
        }

        var conversation = new Conversation(
            message,
            ChatTarget.For(message),
            await preferences.LanguageOfAsync(message.Chat.Id, cancellationToken),
            LanguageExtensions.FromCode(message.From?.LanguageCode),
            inGroup);

        await (addressed is not null
            ? Limited(conversation, () => OnAddressedAsync(conversation, addressed, cancellationToken), cancellationToken)
            : Limited(conversation, () => OnPrivateMessageAsync(conversation, cancellationToken), cancellationToken));
    }

    private Task OnPrivateMessageAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        var message = conversation.Message;
        if (message.Text is not { } text)
        {
            return SendNoticeAsync(conversation, "non-text", cancellationToken);
        }

        return ParsedCommand.Parse(text) is { } command
            ? (command.IsFor(me.Username) ? OnAddressedAsync(conversation, new Addressed(command, command.Argument), cancellationToken) : Task.CompletedTask)
            : AnswerAsync(conversation, Addressing.WithoutMention(text, message, me), cancellationToken);
    }

    private async Task OnChannelPostAsync(Message post, CancellationToken cancellationToken)
    {
        // In a channel the bot answers mentions and a few commands; posts have no author to reply to, so replies do not count.
        if (Addressing.Read(post, me, repliesCount: false) is not { } addressed
            || addressed.Command is { } command && !ChannelCommands.Contains(command.Name))
        {
            return;
        }

        var conversation = new Conversation(post, ChatTarget.For(post), await preferences.LanguageOfAsync(post.Chat.Id, cancellationToken), null, InGroup: true);
        await Limited(conversation, () => OnAddressedAsync(conversation, addressed, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Flood control, where a message for the bot is taken: answered within the sender's limit; the first one over it
    /// gets one "slow down", the rest nothing, so a flooding sender costs the others no time.
    /// </summary>
    private async Task Limited(Conversation conversation, Func<Task> answer, CancellationToken cancellationToken)
    {
        var verdict = await flood.CheckAsync(SenderOf(conversation.Message), cancellationToken);
        await (verdict switch
        {
            FloodVerdict.Allowed => ExcusedWhenStoreIsAwayAsync(conversation, answer, cancellationToken),
            FloodVerdict.SlowDown => SendNoticeAsync(conversation, "slow-down", cancellationToken),
            _ => Task.CompletedTask,
        });
    }

    /// <summary>
    /// A command that needs the store (/lang, /subscribe…) while the store cannot be used — Redis away, SQLite failing —
    /// gets a polite "not saved, try again later" rather than silence. A Redis outage is expected (one warning line; the
    /// connection has said it is away); a SQLite failure is not (an error with its stack trace, for the operator).
    /// </summary>
    private async Task ExcusedWhenStoreIsAwayAsync(Conversation conversation, Func<Task> answer, CancellationToken cancellationToken)
    {
        try
        {
            await answer();
        }
        catch (Exception ex) when (StoreFailures.IsUnavailable(ex))
        {
            if (RedisConnection.IsOutage(ex))
            {
                LogStoreUnavailable(conversation.Message.Chat.Id, RedisConnection.Describe(ex));
            }
            else
            {
                LogStoreFailed(ex, conversation.Message.Chat.Id);
            }

            await SendNoticeAsync(conversation, "store-unavailable", cancellationToken);
        }
    }

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
            return conversation.InGroup ? Task.CompletedTask : SendNoticeAsync(conversation, "unknown-command", cancellationToken);
        }

        var handler = conversation.InGroup ? route.Group : route.Private;
        return handler is null ? Task.CompletedTask : handler(conversation, addressed.Question, cancellationToken);
    }

    private Task StartAsync(Conversation conversation, string argument, CancellationToken cancellationToken) =>
        outbox.SendReplyAsync(conversation.Target, PageRenderer.Greeting(Facts.Texts, conversation.Language), cancellationToken);

    private Task HelpAsync(Conversation conversation, string argument, CancellationToken cancellationToken) =>
        outbox.SendReplyAsync(conversation.Target, PageRenderer.Help(Facts.Texts, conversation.Language, me.Mention, group: false), cancellationToken);

    private Task GroupHelpAsync(Conversation conversation, string argument, CancellationToken cancellationToken) =>
        outbox.SendReplyAsync(conversation.Target, PageRenderer.Help(Facts.Texts, conversation.Language, me.Mention, group: true), cancellationToken);

    /// <summary>/timeline, or /timeline 1944 for the events of one year.</summary>
    private Task TimelineAsync(Conversation conversation, string argument, CancellationToken cancellationToken) =>
        outbox.SendReplyAsync(conversation.Target, PageRenderer.Timeline(Facts, conversation.Language, PageRenderer.Year(argument)), cancellationToken);

    private Task SourcesAsync(Conversation conversation, string argument, CancellationToken cancellationToken) =>
        outbox.SendReplyAsync(conversation.Target, PageRenderer.Sources(Facts, conversation.Language), cancellationToken);

    private async Task LanguageAsync(Conversation conversation, string argument, CancellationToken cancellationToken)
    {
        if (LanguageExtensions.FromChoice(argument) is not { } language)
        {
            await SendNoticeAsync(conversation, "lang-usage", cancellationToken);
            return;
        }

        // Written (durably) before it is confirmed: a crash in between loses the reply, never a confirmed choice.
        await preferences.SetLanguageAsync(conversation.Message.Chat.Id, language, cancellationToken);
        await SendNoticeAsync(conversation with { Chosen = language }, "lang-set", cancellationToken);
    }

    private Task AnswerAsync(Conversation conversation, string question, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            return SendNoticeAsync(conversation, "empty-question", cancellationToken);
        }

        var answerer = knowledge.Answerer;
        var answer = answerer.Ask(question, conversation.User ?? Language.Ru, conversation.Chosen);
        answered.Note(conversation.Message.Chat.Id, answer);
        return outbox.SendReplyAsync(conversation.Target, AnswerRenderer.Reply(answer, answerer.Facts, feedback), cancellationToken);
    }

    private Task SendNoticeAsync(Conversation conversation, string key, CancellationToken cancellationToken) =>
        outbox.SendReplyAsync(conversation.Target, PageRenderer.Notice(Facts.Texts, key, conversation.Language), cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat {ChatId}: the store cannot be used now ({Failure}); the chat is asked to try again later")]
    private partial void LogStoreUnavailable(long chatId, string failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Chat {ChatId}: the store failed; the chat is asked to try again later")]
    private partial void LogStoreFailed(Exception exception, long chatId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Update {UpdateId} ({UpdateType}) failed; it is skipped")]
    private partial void LogUpdateFailed(Exception exception, int updateId, UpdateType updateType);
}
