using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using TreatyBot.Hosting;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.Tests.Security;

/// <summary>
/// The token never reaches the output: the real host logs at Trace (HttpClient categories included, nothing filtered)
/// while Telegram throttles, fails and cannot be reached, and no log line or exception text holds the token's secret.
/// </summary>
public sealed partial class SecretTests
{
    private const string Token = "987654321:SECRET-token_MUST_NOT_LEAK_0123456789abcdef";
    private const string Secret = "SECRET-token_MUST_NOT_LEAK_0123456789abcdef";

    private static readonly Func<ILogger, Uri, IDisposable?> RequestScope = LoggerMessage.DefineScope<Uri>("HTTP GET {Uri}");

    [Theory]
    [InlineData("GET https://api.telegram.org/bot987654321:SECRET-token_MUST_NOT_LEAK_0123456789abcdef/getMe", "GET https://api.telegram.org/bot987654321:[REDACTED]/getMe")]
    [InlineData("token=987654321:SECRET-token_MUST_NOT_LEAK_0123456789abcdef.", "token=987654321:[REDACTED].")]
    [InlineData("/bot987654321%3ASECRET-token_MUST_NOT_LEAK_0123456789abcdef/sendMessage", "/bot987654321:[REDACTED]/sendMessage")]
    [InlineData("two: 111:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa and 222:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "two: 111:[REDACTED] and 222:[REDACTED]")]
    public void Redact_MasksTheSecretOfEveryTokenButKeepsTheBotId(string text, string expected)
    {
        Assert.Equal(expected, TokenRedactor.Redact(text));
        Assert.DoesNotContain("SECRET", TokenRedactor.Redact(text), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Signed at Peking on 20 January 1925, 12:30")]
    [InlineData("Chat 4242: Fact signing-date (score 0.93)")]
    [InlineData("Update 1001 (Message) failed; it is skipped")]
    [InlineData("12:short_secret_is_not_a_token")]
    [InlineData("https://ru.wikipedia.org/wiki/Советско-японская_конвенция_1925")]
    public void Redact_LeavesOrdinaryLogTextAlone(string text)
    {
        Assert.Same(text, TokenRedactor.Redact(text));
        Assert.False(TokenRedactor.ContainsToken(text));
    }

    [Fact]
    public async Task Host_AtTraceLevelWhileTelegramThrottlesAndFails_LogsNoToken()
    {
        var logs = new CapturingLoggerProvider();
        await using var api = await FakeBotApi.StartAsync(Token);
        api.Fail("getUpdates", HttpStatusCode.InternalServerError, "Internal Server Error");
        api.Fail("sendMessage", HttpStatusCode.TooManyRequests, "Too Many Requests: retry after 1", retryAfter: 1);
        api.Fail("sendMessage", HttpStatusCode.InternalServerError, "Internal Server Error");
        api.Fail("answerInlineQuery", HttpStatusCode.InternalServerError, "Internal Server Error");
        await using (var bot = await BotHost.StartAsync(api, logs: logs))
        {
            api.EnqueueText(userId: 1, "кто подписал договор");
            api.EnqueueText(userId: 2, "who signed the treaty", languageCode: "en");
            api.EnqueueInlineQuery(userId: 3, "договор");
            api.EnqueueButtonPress(userId: 4, chatId: 4, "f:ru:signing-date");
            await Eventually.UntilAsync(
                () => Logged(logs, "Too Many Requests") && Logged(logs, "Internal Server Error") && api.Sent("answerCallbackQuery").Any() && api.Unconfirmed().Count == 0,
                TimeSpan.FromSeconds(30));
        }

        // The failures were logged with their exceptions (so the check below looks at real error text)...
        Assert.Contains(logs.Lines, l => l.Contains(" | ", StringComparison.Ordinal) && l.Contains("Too Many Requests", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("Trace", StringComparison.Ordinal) || l.Contains("Debug", StringComparison.Ordinal));

        // ...and not one line holds the secret.
        Assert.DoesNotContain(logs.Lines, l => l.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Host_WhenTelegramRefusesTheConnection_LogsNoToken()
    {
        var logs = new CapturingLoggerProvider();
        await using var api = await FakeBotApi.StartAsync(Token);
        var settings = new Dictionary<string, string?> { ["Bot:ApiBaseUrl"] = $"http://127.0.0.1:{ClosedPort()}" };
        await using (var bot = await BotHost.StartAsync(api, settings, logs))
        {
            await Eventually.UntilAsync(() => Logged(logs, "refused"), TimeSpan.FromSeconds(30));
        }

        Assert.DoesNotContain(logs.Lines, l => l.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClientErrors_ForThrottledFailingAndRefusedCalls_DoNotCarryTheToken()
    {
        await using var api = await FakeBotApi.StartAsync(Token);
        await using var bot = await BotHost.StartAsync(api);
        await using var unreachable = await BotHost.StartAsync(api, new Dictionary<string, string?> { ["Bot:ApiBaseUrl"] = $"http://127.0.0.1:{ClosedPort()}" });
        var client = bot.Services.GetRequiredService<ITelegramBotClient>();
        api.Fail("getChat", HttpStatusCode.TooManyRequests, "Too Many Requests: retry after 5", times: 10, retryAfter: 5);
        var throttled = await Assert.ThrowsAnyAsync<Exception>(() => client.GetChat(1, TestContext.Current.CancellationToken));
        api.Fail("getChatMemberCount", HttpStatusCode.InternalServerError, "Internal Server Error", times: 10);
        var failed = await Assert.ThrowsAnyAsync<Exception>(() => client.GetChatMemberCount(1, TestContext.Current.CancellationToken));
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => unreachable.Services.GetRequiredService<ITelegramBotClient>().GetChat(1, TestContext.Current.CancellationToken));

        Assert.Contains("Too Many Requests", throttled.ToString(), StringComparison.Ordinal);
        Assert.Contains("Internal Server Error", failed.ToString(), StringComparison.Ordinal);
        Assert.All([throttled, failed, refused], ex => Assert.DoesNotContain(Secret, ex.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task TokenInAnErrorFromTelegram_IsMaskedInTheLog()
    {
        var logs = new CapturingLoggerProvider();
        await using var api = await FakeBotApi.StartAsync(Token);
        // Something in the chain leaks: the error text quotes the request URL. The logging pipeline must still mask it.
        api.Fail("sendMessage", HttpStatusCode.BadRequest, $"Bad Request: chat not found for https://api.telegram.org/bot{Token}/sendMessage");
        await using (var bot = await BotHost.StartAsync(api, logs: logs))
        {
            api.EnqueueText(userId: 5, "кто подписал договор");
            await Eventually.UntilAsync(() => Logged(logs, "chat not found"), TimeSpan.FromSeconds(30));
        }

        Assert.Contains(logs.Lines, l => l.Contains("bot987654321:" + TokenRedactor.Mask, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public void ProviderAddedAfterTheBot_SeesMessagesValuesExceptionsAndScopesMasked()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Test", DisableDefaults = true });
        builder.AddTreatyBot();
        var sink = new RecordingProvider();
        builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(sink);
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("System.Net.Http.HttpClient.Test.LogicalHandler");
        var url = new Uri($"https://api.telegram.org/bot{Token}/getMe");

        using (RequestScope(logger, url))
        {
            LogSending(logger, new HttpRequestException($"Request to {url} failed"), url);
        }

        Assert.NotEmpty(sink.Texts);
        Assert.Contains(sink.Texts, t => t.Contains("bot987654321:" + TokenRedactor.Mask, StringComparison.Ordinal));
        Assert.DoesNotContain(sink.Texts, t => t.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_WithABadFloodSetting_FailsWithOneLineAndNoToken()
    {
        var (exitCode, stdout, stderr) = await BotProcess.RunAsync(new Dictionary<string, string?>
        {
            ["Bot__Token"] = Token,
            ["Bot__ApiBaseUrl"] = $"http://127.0.0.1:{ClosedPort()}",
            ["Flood__MaxQuestions"] = "0",
        });

        Assert.Equal(2, exitCode);
        var line = Assert.Single(BotProcess.Lines(stderr));
        Assert.Contains("MaxQuestions", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, line + stdout, StringComparison.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending HTTP request GET {Uri}")]
    private static partial void LogSending(ILogger logger, Exception exception, Uri uri);

    private static bool Logged(CapturingLoggerProvider logs, string text) => logs.Lines.Any(l => l.Contains(text, StringComparison.OrdinalIgnoreCase));

    /// <summary>A loopback port nothing listens on: connecting to it is refused at once.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Records everything a provider can be handed: the message, each structured value, the exception, scopes.</summary>
    private sealed class RecordingProvider : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> texts = new();

        public IReadOnlyCollection<string> Texts => texts;

        public ILogger CreateLogger(string categoryName) => new Logger(texts);

        public void Dispose()
        {
        }

        private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<string> texts) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                Record(state);
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                texts.Enqueue(formatter(state, exception));
                Record(state);
                if (exception is not null)
                {
                    texts.Enqueue(exception.ToString());
                    texts.Enqueue(exception.Message);
                }
            }

            private void Record<TState>(TState state)
            {
                texts.Enqueue(state?.ToString() ?? "");
                foreach (var (key, value) in state as IEnumerable<KeyValuePair<string, object?>> ?? [])
                {
                    texts.Enqueue($"{key}={value}");
                }
            }
        }
    }
}
