using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using TreatyBot.Receiving;
using TreatyBot.Tests.Delivery;
using TreatyBot.Tests.Fakes;
using TreatyBot.Tests.Servers;
using TreatyBot.Tests.Telemetry;

namespace TreatyBot.Tests.Replicas;

/// <summary>
/// Several built bots as separate processes in webhook mode, as an operator runs them behind a load balancer: one fake
/// Bot API, one real Redis (<c>Storage:Provider=redis</c>). Each update goes to a random replica, some to two at once,
/// some again later to another: the replicas must behave as one bot. They time real sends, so they run alone.
/// </summary>
[Collection(TimedReplicas.Name)]
public sealed class ReplicaProcessTests
{
    private const int GroupPerMinute = 4;

    /// <summary>
    /// The replicas' bot-wide limit together. Half of Telegram's 30 so that three processes on a small test machine,
    /// whose sends may reach the fake late and bunched (CI once saw two 429s at 20), still arrive within 30 in any second;
    /// above 30 ÷ 3, so that replicas each keeping their own count (up to 45 a second together) would break it.
    /// </summary>
    private const int GlobalPerSecond = 15;
    private const int FloodLimit = 5;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThreeReplicas_AnswerEachQuestionOnce_WithinTelegramsLimitsTogether_FloodLimitedAcrossThem_OnePostPerChat()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var api = await FakeBotApi.StartAsync();
        api.EnforceLimits(perChatPerSecond: 3, globalPerSecond: 30);
        using var responses = ResponsesWithAnAnniversaryToday(out var today);
        // Timeouts long enough that a busy test machine does not make a replica fall back to its own counts (that path is
        // the other test's); the bot's default of 500 ms is for production, where a slow Redis must not hold up replies.
        await using var replicas = await ReplicaSet.StartAsync(3, api, redis, responses.Path, redisOptions: ",syncTimeout=5000,asyncTimeout=5000");
        var random = new Random(17);
        var updateId = 1000;

        // A crowd: 90 people ask at once, a quarter of the updates delivered to two replicas at the same time.
        var asked = new List<JsonObject>();
        var deliveries = new List<Task>();
        for (var user = 1; user <= 90; user++)
        {
            var update = Text(++updateId, userId: 10_000 + user, Questions[user % Questions.Length]);
            asked.Add(update);
            deliveries.Add(random.Next(4) == 0 ? replicas.PostToTwoAsync(update, random) : replicas.PostAsync(update, random));
        }

        // A group asks more than Telegram lets a bot post there in a minute; a flooder writes to every replica.
        var group = FakeBotApi.Group(-100_777);
        for (var i = 0; i < GroupPerMinute + 3; i++)
        {
            deliveries.Add(replicas.PostAsync(Text(++updateId, userId: 500 + i, "/ask когда подписан договор", group), random));
        }

        const long flooder = 66_666;
        for (var i = 0; i < FloodLimit + 6; i++)
        {
            deliveries.Add(replicas.PostAsync(Text(++updateId, flooder, Questions[i % Questions.Length]), random));
        }

        // Anniversary subscribers, each subscribing through some replica; every replica's poster then races for them.
        var subscribers = Enumerable.Range(1, 6).Select(i => 70_000L + i).ToList();
        foreach (var chat in subscribers)
        {
            deliveries.Add(replicas.PostAsync(Text(++updateId, chat, "/subscribe 00:00 UTC"), random));
        }

        await Task.WhenAll(deliveries);

        await Eventually.UntilAsync(() => asked.All(u => RepliesTo(api, u) > 0), TimeSpan.FromSeconds(60));
        await Eventually.UntilAsync(() => subscribers.All(chat => Posts(api, chat) > 0), TimeSpan.FromSeconds(30));
        await Eventually.UntilAsync(() => Delivered(api).Count(c => c.ChatId == group["id"]!.GetValue<long>()) >= GroupPerMinute, TimeSpan.FromSeconds(30));
        // The flooder's replies queue behind everyone else's under the per-chat and global limits: wait for them too.
        await Eventually.UntilAsync(() => Delivered(api).Count(c => c.ChatId == flooder) >= FloodLimit + 1, TimeSpan.FromSeconds(30));

        // Telegram delivers some updates again, to another replica, after they were answered.
        foreach (var update in asked.Take(15))
        {
            await replicas.PostAsync(update, random);
        }

        // Whatever could still go out twice has had time to.
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);

        var report = replicas.Logs();
        Assert.All(asked, update => Assert.True(RepliesTo(api, update) == 1, $"update {update["update_id"]}: {RepliesTo(api, update)} replies\n{report}"));
        Assert.All(subscribers, chat => Assert.True(Posts(api, chat) == 1, $"chat {chat}: {Posts(api, chat)} anniversary posts of {today}\n{report}"));

        var sends = Delivered(api).Select(c => c.At).Order().ToList();
        Assert.True(DeliveryTests.MostInAnyWindow(sends, Window) <= 30, $"{DeliveryTests.MostInAnyWindow(sends, Window)} sends in one second across the replicas\n{report}");
        Assert.True(api.TooManyRequests == 0, $"{api.TooManyRequests} sends refused with 429, to chats {string.Join(", ", api.Sent().Where(c => c.Failed).Select(c => c.ChatId))} at {string.Join(", ", api.Sent().Where(c => c.Failed).Select(c => c.At.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)))}\n{report}");
        Assert.DoesNotContain("Redis is unavailable", report, StringComparison.Ordinal);

        var groupSends = Delivered(api).Where(c => c.ChatId == group["id"]!.GetValue<long>()).Select(c => c.At).Order().ToList();
        Assert.True(groupSends.Count == GroupPerMinute, $"{groupSends.Count} sends to the group within a minute\n{report}");

        // The flooder gets FloodLimit answers and one "slow down", whichever replicas their messages reached.
        var toFlooder = Delivered(api).Count(c => c.ChatId == flooder);
        Assert.True(toFlooder == FloodLimit + 1, $"{toFlooder} messages to the flooder\n{report}");
        Assert.False(replicas.AnyExited, report);
    }

    [Fact]
    public async Task RedisRestartedMidRun_AnswersKeepComing_ReadyzSaysDegraded_AndNothingIsAnsweredTwice()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var api = await FakeBotApi.StartAsync();
        await using var replicas = await ReplicaSet.StartAsync(2, api, redis, TestPaths.Responses);
        var random = new Random(5);
        var before = Enumerable.Range(1, 10).Select(i => Text(2000 + i, 20_000 + i, Questions[i % Questions.Length])).ToList();
        await Task.WhenAll(before.Select(u => replicas.PostToTwoAsync(u, random)));
        await Eventually.UntilAsync(() => before.All(u => RepliesTo(api, u) == 1), TimeSpan.FromSeconds(30));

        // Each went to both replicas: wait until the second copy of each is skipped too. One still in hand when Redis goes
        // would be answered from memory, a second time (better twice than never), as a busy machine once showed.
        await Eventually.UntilAsync(async () => await replicas.DuplicatesAsync() >= before.Count, TimeSpan.FromSeconds(30));
        await redis.KillAsync();

        // Redis away: each update reaches one replica, and is answered from memory.
        var during = Enumerable.Range(1, 10).Select(i => Text(3000 + i, 30_000 + i, Questions[i % Questions.Length])).ToList();
        var reached = new Dictionary<int, int>();
        foreach (var update in during)
        {
            reached[update["update_id"]!.GetValue<int>()] = await replicas.PostAsync(update, random);
        }

        await Eventually.UntilAsync(() => during.All(u => RepliesTo(api, u) == 1), TimeSpan.FromSeconds(30));
        foreach (var replica in Enumerable.Range(0, 2))
        {
            var (status, body) = await replicas.ReadyAsync(replica);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.StartsWith("Degraded", body, StringComparison.Ordinal);
        }

        await redis.StartAgainAsync();
        await Eventually.UntilAsync(async () => (await Task.WhenAll(Enumerable.Range(0, 2).Select(r => replicas.ReadyAsync(r)))).All(ready => ready.Body.StartsWith("Healthy", StringComparison.Ordinal)), TimeSpan.FromSeconds(30));

        // Telegram redelivers everything to the other replica: what was answered, before or during the outage, stays answered once.
        foreach (var update in before.Concat(during))
        {
            var id = update["update_id"]!.GetValue<int>();
            await replicas.PostAsync(update, replicas.Other(reached.GetValueOrDefault(id, 0)));
        }

        var after = Enumerable.Range(1, 5).Select(i => Text(4000 + i, 40_000 + i, Questions[i % Questions.Length])).ToList();
        await Task.WhenAll(after.Select(u => replicas.PostToTwoAsync(u, random)));
        await Eventually.UntilAsync(() => after.All(u => RepliesTo(api, u) >= 1), TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);

        var report = replicas.Logs();
        Assert.All(before.Concat(during).Concat(after), u => Assert.True(RepliesTo(api, u) == 1, $"update {u["update_id"]}: {RepliesTo(api, u)} replies\n{report}"));
        Assert.False(replicas.AnyExited, report);
        Assert.Contains("Redis is unavailable", report, StringComparison.Ordinal);
        Assert.Contains("Redis is back", report, StringComparison.Ordinal);
    }

    private static readonly string[] Questions =
    [
        "Когда подписан Пекинский договор?",
        "кто подписал конвенцию",
        "when did Japan leave Northern Sakhalin?",
        "что получила Япония по договору",
        "сколько статей в конвенции",
        "Where was the convention signed?",
        "какая погода в Токио",
    ];

    private static IEnumerable<RecordedCall> Delivered(FakeBotApi api) => api.Delivered();

    /// <summary>The replies to one message: sends to its chat that quote it.</summary>
    private static int RepliesTo(FakeBotApi api, JsonObject update)
    {
        var message = update["message"]!;
        var chat = message["chat"]!["id"]!.GetValue<long>();
        var id = message["message_id"]!.GetValue<int>();
        return Delivered(api).Count(c => c.ChatId == chat && c.Body["reply_parameters"]?["message_id"]?.GetValue<int>() == id);
    }

    /// <summary>The anniversary posts a chat got: sends that quote no message and open with "On this day".</summary>
    private static int Posts(FakeBotApi api, long chat) =>
        Delivered(api).Count(c => c.ChatId == chat && c.Body["reply_parameters"] is null
            && c.Text is { } text && (text.Contains("В этот день", StringComparison.Ordinal) || text.Contains("On this day", StringComparison.Ordinal)));

    private static JsonObject Text(int updateId, long userId, string text, JsonObject? chat = null) => new()
    {
        ["update_id"] = updateId,
        ["message"] = new JsonObject
        {
            ["message_id"] = updateId,
            ["date"] = 1_700_000_000,
            ["chat"] = chat?.DeepClone() ?? new JsonObject { ["id"] = userId, ["type"] = "private", ["first_name"] = "Test" },
            ["from"] = FakeBotApi.User(userId, "ru"),
            ["text"] = text,
        },
    };

    /// <summary>
    /// A copy of responses/ where one anniversary fact (the League of Nations registration) falls on today (UTC), so that
    /// posts are due while the test runs.
    /// Near midnight UTC it waits for the new day rather than race it.
    /// </summary>
    private static TemporaryFolder ResponsesWithAnAnniversaryToday(out DateOnly today)
    {
        var now = DateTimeOffset.UtcNow;
        if (now.TimeOfDay > new TimeSpan(23, 58, 0))
        {
            Thread.Sleep(TimeSpan.FromDays(1) - now.TimeOfDay + TimeSpan.FromSeconds(2));
            now = DateTimeOffset.UtcNow;
        }

        today = DateOnly.FromDateTime(now.UtcDateTime);
        var copy = TestPaths.CopyOfResponses();
        var file = Path.Combine(copy.Path, "facts", "06-ratification.yaml");
        var text = File.ReadAllText(file);
        string[] genitive = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"];
        (string Old, string New)[] edits =
        [
            ("dates: [1925-05-20]", $"dates: [1925-{today.Month:00}-{today.Day:00}]"),
            ("20 мая 1925", $"{today.Day} {genitive[today.Month - 1]} 1925"),
            ("20 May 1925", $"{today.Day} {CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(today.Month)} 1925"),
        ];
        foreach (var (old, replacement) in edits)
        {
            Assert.Contains(old, text, StringComparison.Ordinal);
            text = text.Replace(old, replacement, StringComparison.Ordinal);
        }

        File.WriteAllText(file, text);
        return copy;
    }

    /// <summary>N bot processes in webhook mode on free loopback ports, one Redis, one fake Bot API.</summary>
    private sealed class ReplicaSet : IAsyncDisposable
    {
        private readonly List<(RunningBot Bot, HttpClient Http, TemporaryFolder Folder)> replicas = [];

        public bool AnyExited => replicas.Any(r => r.Bot.HasExited);

        public static async Task<ReplicaSet> StartAsync(int count, FakeBotApi api, RedisServer redis, string responses, string redisOptions = "")
        {
            var set = new ReplicaSet();
            try
            {
                for (var i = 0; i < count; i++)
                {
                    var port = FreePort();
                    var folder = TemporaryFolder.Create("replica-");
                    var bot = RunningBot.Start(
                        new Dictionary<string, string?>
                        {
                            ["Bot__Token"] = api.Token,
                            ["Bot__ApiBaseUrl"] = api.BaseUrl.ToString(),
                            ["Bot__Mode"] = "webhook",
                            ["Webhook__Url"] = WebBotHost.WebhookUrl,
                            ["Webhook__SecretToken"] = WebBotHost.Secret,
                            ["Urls"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
                            ["Knowledge__Path"] = responses,
                            ["Knowledge__Cache"] = TestPaths.CacheFor(responses),
                            ["Storage__Provider"] = "redis",
                            ["Storage__Redis"] = redis.ConnectionString + redisOptions,
                            ["Flood__MaxQuestions"] = FloodLimit.ToString(CultureInfo.InvariantCulture),
                            ["Delivery__PerGroupPerMinute"] = GroupPerMinute.ToString(CultureInfo.InvariantCulture),
                            ["Delivery__GlobalPerSecond"] = GlobalPerSecond.ToString(CultureInfo.InvariantCulture),
                            ["Management__Prometheus"] = "true",
                        },
                        folder.Path);
                    var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"), Timeout = TimeSpan.FromSeconds(10) };
                    set.replicas.Add((bot, http, folder));
                }

                for (var i = 0; i < count; i++)
                {
                    var replica = i;
                    try
                    {
                        // Healthy, not merely ready: a replica still connecting to Redis answers 200 "Degraded".
                        await Eventually.UntilAsync(async () => (await set.ReadyAsync(replica)).Body.StartsWith("Healthy", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
                    }
                    catch (OperationCanceledException)
                    {
                        Assert.Fail($"replica {replica} not ready within 60 s\n{set.Logs()}");
                    }
                }

                return set;
            }
            catch
            {
                await set.DisposeAsync();
                throw;
            }
        }

        public int Other(int replica) => (replica + 1) % replicas.Count;

        /// <summary>Delivers an update to a random replica; returns which.</summary>
        public async Task<int> PostAsync(JsonObject update, Random random)
        {
            var replica = random.Next(replicas.Count);
            await PostAsync(update, replica);
            return replica;
        }

        /// <summary>Delivers an update to two different replicas at the same time, as a retry after a slow answer does.</summary>
        public Task PostToTwoAsync(JsonObject update, Random random)
        {
            var first = random.Next(replicas.Count);
            return Task.WhenAll(PostAsync(update, first), PostAsync(update, Other(first)));
        }

        public async Task PostAsync(JsonObject update, int replica)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(WebBotHost.WebhookUrl).AbsolutePath)
            {
                Content = new StringContent(update.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(WebhookWorker.SecretHeader, WebBotHost.Secret);
            using var response = await replicas[replica].Http.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        public async Task<(HttpStatusCode Status, string Body)> ReadyAsync(int replica)
        {
            try
            {
                using var response = await replicas[replica].Http.GetAsync(new Uri("/readyz", UriKind.Relative), Ct);
                return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
            }
            catch (HttpRequestException ex)
            {
                return (HttpStatusCode.ServiceUnavailable, ex.Message);
            }
        }

        /// <summary>How many updates the replicas together skipped as received again (their duplicates counters).</summary>
        public async Task<long> DuplicatesAsync()
        {
            var total = 0L;
            foreach (var (_, http, _) in replicas)
            {
                var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), Ct);
                total += (long)PrometheusText.Sum(metrics, "treatybot_updates_duplicates_total");
            }

            return total;
        }

        /// <summary>Every replica's output, for failure messages.</summary>
        public string Logs() => string.Join("\n", replicas.Select((r, i) => $"--- replica {i}\n{r.Bot.Log}"));

        public async ValueTask DisposeAsync()
        {
            foreach (var (bot, http, folder) in replicas)
            {
                await bot.StopAsync(Ending.Term);
                bot.Dispose();
                http.Dispose();
                folder.Dispose();
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
