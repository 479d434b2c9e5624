using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TreatyBot.Conversations;
using TreatyBot.Hosting;
using TreatyBot.Knowledge;
using TreatyBot.KnowledgeBase;
using TreatyBot.Receiving;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.Tests.Security;

/// <summary>
/// Property tests over the whole pipeline — router, matcher, renderer, splitter, sender, the real TelegramBotClient —
/// with generated hostile text (<see cref="FuzzInput"/>). For every update: the worker survives it (nothing reaches the
/// error boundary), every reply is valid Telegram HTML within 4096 characters (<see cref="ReplyChecks"/>), goes to the
/// chat it answers, and repeats at most <see cref="ReplyChecks.MaxEcho"/> characters of the user's text; every private
/// message, button press and inline query is answered. Seeded: a failure names the seed and the case to rerun it.
/// </summary>
public sealed class FuzzTests
{
    /// <summary>The fixed seed of every run; set TREATYBOT_FUZZ_SEED to explore other inputs or to rerun a failure.</summary>
    public const int DefaultSeed = 19_250_120;

    private const int InProcessCases = 10_000;
    private const int EndToEndCases = 300;
    private const int MaxReported = 15;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Flood:MaxQuestions"] = "10000",
        ["Delivery:RateLimitsEnabled"] = "false",
    };

    private static int Seed =>
        int.TryParse(Environment.GetEnvironmentVariable("TREATYBOT_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : DefaultSeed;

    [Fact]
    public async Task HandleAsync_ThousandsOfHostileUpdates_EveryReplyValidAndEveryUpdateAnswered()
    {
        var seed = Seed;
        var api = new RecordingBotApi();
        var logs = new CapturingLoggerProvider();
        using var data = TemporaryFolder.Create("store-");
        using var host = PipelineHost(api, logs, data.Path);
        var handler = host.Services.GetRequiredService<UpdateRouter>();
        var input = new FuzzInput(seed, Questions(host.Services));
        var failures = new List<string>();

        for (var i = 0; i < InProcessCases && failures.Count < MaxReported; i++)
        {
            var fuzz = input.Next(i);
            var (calls, logged) = (api.Count, logs.Lines.Count);
            await handler.HandleAsync(fuzz.ToUpdate(), TestContext.Current.CancellationToken);
            var problems = Problems(fuzz, api.Since(calls)).Concat(logs.Lines.Skip(logged).Select(l => "logged: " + l));
            failures.AddRange(problems.Select(p => $"{fuzz}\n    {p}"));
        }

        Assert.True(failures.Count == 0, Report(seed, InProcessCases, failures));
        Assert.InRange(api.Since(0).Count(c => c.Method == "sendMessage"), InProcessCases / 4, int.MaxValue);
    }

    [Fact]
    public async Task Worker_HundredsOfHostileUpdatesThroughTheFakeBotApi_SurvivesAndSendsOnlyValidReplies()
    {
        var seed = Seed + 1;
        var logs = new CapturingLoggerProvider();
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api, Settings, logs);
        var input = new FuzzInput(seed, Questions(bot.Services));
        var cases = Enumerable.Range(0, EndToEndCases).Select(input.Next).ToList();
        foreach (var fuzz in cases)
        {
            api.Enqueue(fuzz.ToJson());
        }

        // The worker is alive after all of them when it still answers an ordinary question.
        const long lastUser = 999_999;
        api.EnqueueText(lastUser, "кто подписал договор");
        var inline = cases.Count(c => c.Kind == FuzzKind.Inline);
        var buttons = cases.Count(c => c.Kind == FuzzKind.Button);
        await Eventually.UntilAsync(
            () => api.Sent().Any(c => c.ChatId == lastUser) && api.Sent("answerInlineQuery").Count() == inline
                && api.Sent("answerCallbackQuery").Count() == buttons && api.Unconfirmed().Count == 0,
            TimeSpan.FromSeconds(60));

        var failures = api.Calls.Where(c => c.Failed).Select(c => $"the fake Bot API refused {c.Method}: {c.Body.ToJsonString()}")
            .Concat(api.Calls.SelectMany(c => ReplyChecks.Problems(c.Method, c.Body)))
            .Concat(logs.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal)))
            .Take(MaxReported)
            .ToList();
        Assert.True(failures.Count == 0, Report(seed, EndToEndCases, failures));
        Assert.Contains("Карахан", api.Sent().Last(c => c.ChatId == lastUser).Text, StringComparison.Ordinal);
        Assert.InRange(api.Sent().Count(), EndToEndCases / 4, int.MaxValue);
    }

    /// <summary>What is wrong with the calls the bot made for one update.</summary>
    private static IEnumerable<string> Problems(FuzzCase fuzz, IReadOnlyList<RecordedCall> calls)
    {
        foreach (var call in calls)
        {
            foreach (var problem in ReplyChecks.Problems(call.Method, call.Body))
            {
                yield return problem;
            }

            if (call.Method == "sendMessage" && call.ChatId != fuzz.ChatId)
            {
                yield return $"sent to chat {call.ChatId}, not to the chat asking ({fuzz.ChatId})";
            }

            if (fuzz.Junk is { } junk && ReplyChecks.VisibleTexts(call.Body).Any(text => ReplyChecks.Echoes(text, junk)))
            {
                yield return $"{call.Method} repeats more than {ReplyChecks.MaxEcho} characters of the user's text";
            }
        }

        var expected = fuzz.Kind switch
        {
            FuzzKind.Inline => ("answerInlineQuery", Exactly: true),
            FuzzKind.Button => ("answerCallbackQuery", Exactly: true),
            FuzzKind.Sticker => ("sendMessage", Exactly: false),
            FuzzKind.Private when !IsForAnotherBot(fuzz.Text!) => ("sendMessage", Exactly: false),
            _ => (null, false),
        };
        if (expected is ({ } method, var exactly))
        {
            var count = calls.Count(c => c.Method == method);
            if (exactly ? count != 1 : count == 0)
            {
                yield return $"expected {(exactly ? "exactly one" : "at least one")} {method}, the bot made: {string.Join(", ", calls.Select(c => c.Method))}";
            }
        }
    }

    /// <summary>A private message the bot rightly ignores: a command addressed to another bot (or to nobody, "/ask@").</summary>
    private static bool IsForAnotherBot(string text) => ParsedCommand.Parse(text) is { } command && !command.IsFor(FakeBotApi.BotUsername);

    private static string Report(int seed, int cases, List<string> failures) =>
        $"Fuzzing with seed {seed} ({cases} cases) found problems; rerun with TREATYBOT_FUZZ_SEED={seed}. " +
        $"The first {failures.Count}:\n" + string.Join("\n", failures);

    /// <summary>Real questions and titles, so that generated text also reaches facts, candidates and refusals.</summary>
    private static List<string> Questions(IServiceProvider services)
    {
        var facts = services.GetRequiredService<KnowledgeStore>().Facts;
        return
        [
            .. facts.Texts.List("examples", Language.Ru), .. facts.Texts.List("examples", Language.En),
            .. facts.Facts.SelectMany(f => new[] { f.Title.Ru, f.Title.En }),
            "договор", "Сахалин", "концессия", "1925", "1944", "Карахан", "Ёсидзава", "treaty", "who", "when", "signed", "oil",
        ];
    }

    /// <summary>
    /// The bot's services as the host wires them, with the Bot API replaced by <paramref name="api"/> and the store in
    /// <paramref name="storage"/>; not started.
    /// </summary>
    internal static IHost PipelineHost(RecordingBotApi api, CapturingLoggerProvider logs, string storage)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Test", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bot:Token"] = "123456789:FUZZ-token_abcdefghijklmnopqrstuvwxyz",
            ["Bot:ApiBaseUrl"] = "http://127.0.0.1:9",
            ["Knowledge:Path"] = TestPaths.Responses,
            ["Storage:Path"] = storage,
        });
        builder.Configuration.AddInMemoryCollection(Settings);
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Warning);
        builder.AddTreatyBot();
        builder.Services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => api));
        var host = builder.Build();
        var me = host.Services.GetRequiredService<BotIdentity>();
        me.Id = FakeBotApi.BotId;
        me.Username = FakeBotApi.BotUsername;
        return host;
    }
}
