using TreatyBot.Cli;
using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Evaluation;
using TreatyBot.KnowledgeBase;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.Tests.Curation;

/// <summary>
/// One run of the real bot against the fake Bot API, in private chats and a group, with questions from the tuning bank
/// that the bot cannot answer (no answer), is unsure of ("did you mean", partial, a low margin) or answers well; then
/// the bot is stopped and its store kept for <c>review</c>. The questions are picked by what the bot answers them today,
/// so the run follows the fact base.
/// </summary>
public sealed class CuratedRun : IAsyncLifetime
{
    /// <summary>Distinctive ids, to look for in the database file afterwards.</summary>
    public const long FirstUser = 7_300_000_001;
    public const long GroupId = -1_009_988_776_655;

    public const double LowMargin = 0.15;

    private readonly TemporaryFolder folder = TemporaryFolder.Create("curation-");

    public string Folder => folder.Path;

    /// <summary>Each question the bot should log, with how often it was asked and how the bot fell short on it.</summary>
    public List<(EvalCase Case, int Times, string Outcome, string? Likely)> Logged { get; } = [];

    /// <summary>Questions that must not be logged: answered well, out of scope, or typed as an inline query.</summary>
    public List<string> NotLogged { get; } = [];

    public IReadOnlyList<long> Users { get; private set; } = [];

    public int ExpectedTotal => Logged.Sum(l => l.Times);

    public async ValueTask InitializeAsync()
    {
        var store = new KnowledgeStore(TestPaths.Responses);
        var bank = EvalCase.ReadTsv(TestPaths.TuningSet);
        var answered = bank.Select(c => (Case: c, Answer: store.Answerer.Ask(c.Question, c.Language))).ToList();
        var noAnswer = answered.Where(a => a.Answer.Kind == AnswerKind.NoAnswer).Take(2).ToList();
        var candidates = answered.Where(a => a.Answer.Kind == AnswerKind.Candidates).Take(2).ToList();
        var partial = answered.Where(a => a.Answer.Kind == AnswerKind.Partial).Take(1).ToList();
        var lowMargin = answered.Where(a => a.Answer.Kind == AnswerKind.Fact && Margin(a.Answer) < LowMargin).Take(1).ToList();
        var confident = answered.Where(a => a.Answer.Kind == AnswerKind.Fact && Margin(a.Answer) >= 0.5).Take(2).ToList();
        var outOfScope = answered.Where(a => a.Answer.Kind == AnswerKind.OutOfScope).Take(1).ToList();
        Assert.True(noAnswer.Count == 2 && candidates.Count == 2 && partial.Count == 1 && lowMargin.Count == 1 && confident.Count == 2 && outOfScope.Count == 1, "the tuning bank has every kind of question");

        // The first unanswerable question comes five times: from three users, once with its spaces doubled, once in a group.
        Add(noAnswer[0], 5, "no-answer");
        Add(noAnswer[1], 1, "no-answer");
        Add(candidates[0], 2, "did-you-mean");
        Add(candidates[1], 1, "did-you-mean");
        Add(partial[0], 1, "partial");
        Add(lowMargin[0], 1, "low-margin");
        NotLogged.AddRange(confident.Concat(outOfScope).Select(a => a.Case.Question));
        var inline = answered.Where(a => a.Answer.Kind == AnswerKind.NoAnswer).Skip(2).First().Case;
        NotLogged.Add(inline.Question);

        await using var api = await FakeBotApi.StartAsync();
        await using (var bot = await BotHost.StartAsync(api, new Dictionary<string, string?> { ["Storage:Path"] = Folder }))
        {
            var user = FirstUser;
            var users = new List<long>();
            long Next()
            {
                users.Add(user);
                return user++;
            }

            api.EnqueueInlineQuery(Next(), inline.Question, languageCode: inline.Language.Code());
            var messages = 0;
            foreach (var (@case, times, _, _) in Logged)
            {
                for (var i = 0; i < times; i++)
                {
                    var text = @case == noAnswer[0].Case && i == 3 ? @case.Question.Replace(" ", "  ", StringComparison.Ordinal) : @case.Question;
                    if (@case == noAnswer[0].Case && i == 4)
                    {
                        api.EnqueueText(Next(), "/ask " + text, @case.Language.Code(), FakeBotApi.Group(GroupId));
                    }
                    else
                    {
                        api.EnqueueText(Next(), text, @case.Language.Code());
                    }

                    messages++;
                }
            }

            foreach (var question in confident.Concat(outOfScope))
            {
                api.EnqueueText(Next(), question.Case.Question, question.Case.Language.Code());
                messages++;
            }

            await api.WaitForAsync("sendMessage", messages);
            await api.WaitForAsync("answerInlineQuery", 1);
            Users = users;
        }

        // Stopped: the writer has written what was queued, and the WAL is folded into the file.
    }

    public ValueTask DisposeAsync()
    {
        folder.Dispose();
        return ValueTask.CompletedTask;
    }

    public (int ExitCode, string Output, string Error) Review(params string[] args)
    {
        using var stdin = new StringReader("");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = CommandLine.TryRun(["review", "--storage", Folder, .. args], stdin, stdout, stderr);
        Assert.NotNull(exitCode);
        return (exitCode.Value, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The definition of a low margin, from the matcher's ranks: 1 − runner-up / best.</summary>
    public static double Margin(Answer answer) =>
        answer.Match?.Top is [var best, var second, ..] ? 1 - (second.Rank / best.Rank) : 1;

    private void Add((EvalCase Case, Answer Answer) question, int times, string outcome) =>
        Logged.Add((question.Case, times, outcome, question.Answer.Match?.Top is [{ Score: >= 0.15 } best, ..] ? best.Fact.Id : null));

    /// <summary>The reply's buttons: (text, callback data) per row.</summary>
    public static IReadOnlyList<IReadOnlyList<(string Text, string Data)>> Buttons(RecordedCall call) =>
        [.. (call.Body["reply_markup"]?["inline_keyboard"]?.AsArray() ?? []).Select(row =>
            (IReadOnlyList<(string, string)>)[.. row!.AsArray().Select(b => (b!["text"]!.GetValue<string>(), b["callback_data"]!.GetValue<string>()))])];
}
