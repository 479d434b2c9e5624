using System.Globalization;
using System.Text.Json.Nodes;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.Tests.Anniversaries;

/// <summary>
/// A whole year of "this day in history" on a fake clock against the fake Bot API: a private chat, a group, a forum
/// topic, a channel and a group that becomes a supergroup, each with its own zone and time, get exactly their posts,
/// on the right local days at the right local times; a chat that removed the bot stops getting them; a closed topic
/// falls back to the general one; two restarts (one right after the morning's posts, one after a day and a half down)
/// post nothing twice and nothing of a day gone by.
/// </summary>
public sealed class YearOfPostsTests
{
    private const long Private = 501;
    private const long Group = -100111;
    private const long Forum = -100222;
    private const int Topic = 77;
    private const long Channel = -100333;
    private const long OldGroup = -444;
    private const long Supergroup = -100444;
    private const long Kicked = -100555;
    private const long Admin = 31;

    private static readonly DateTimeOffset Start = At("2026-12-31T12:00:00Z");
    private static readonly DateTimeOffset End = At("2028-01-01T00:00:00Z");

    /// <summary>Right after Moscow's and Tokyo's posts of the signing day, before New York's, London's and UTC's.</summary>
    private static readonly DateTimeOffset QuickRestart = At("2027-01-20T12:00:00Z");

    /// <summary>Down from the early morning of 14 May (Tokyo has had its post) to the afternoon of 15 May (UTC).</summary>
    private static readonly DateTimeOffset DownFrom = At("2027-05-14T05:00:00Z");
    private static readonly DateTimeOffset DownUntil = At("2027-05-15T12:00:00Z");

    private static readonly DateTimeOffset KickedAt = At("2027-04-01T00:00:00Z");
    private static readonly DateTimeOffset MigratedAt = At("2027-03-01T00:00:00Z");
    private static readonly DateTimeOffset TopicClosedAt = At("2027-09-01T00:00:00Z");

    private static readonly Chat[] Chats =
    [
        new(Private, "Asia/Tokyo", new TimeOnly(7, 15)),
        new(Group, "Europe/Moscow", new TimeOnly(10, 0)),
        new(Forum, "America/New_York", new TimeOnly(9, 30)),
        new(Channel, "Europe/London", new TimeOnly(23, 45)),
        new(OldGroup, "UTC", new TimeOnly(12, 0)),
        new(Kicked, "Europe/Moscow", new TimeOnly(10, 0)),
    ];

    [Fact]
    public async Task AYearOfPosts_EveryChatGetsExactlyItsPosts_OnItsLocalDaysAndTimes()
    {
        var clock = new TimerClock(Start);
        using var store = TemporaryFolder.Create("store-");
        var settings = new Dictionary<string, string?> { ["Storage:Path"] = store.Path };
        await using var api = await FakeBotApi.StartAsync(time: clock);
        api.SetMember(Group, Admin, "administrator");
        api.SetMember(Forum, Admin, "creator");
        api.SetMember(OldGroup, Admin, "creator");
        api.SetMember(Kicked, Admin, "administrator");

        var bot = await BotHost.StartAsync(api, settings, time: clock);
        try
        {
            api.EnqueueText(Private, "/subscribe 07:15 Asia/Tokyo", languageCode: "en");
            api.EnqueueText(Admin, "/subscribe", chat: FakeBotApi.Group(Group));
            api.EnqueueText(Admin, "/subscribe 09:30 America/New_York", chat: FakeBotApi.Group(Forum, forum: true), extra: new JsonObject { ["message_thread_id"] = Topic, ["is_topic_message"] = true });
            api.EnqueueChannelPost(Channel, "/subscribe 23:45 Europe/London");
            api.EnqueueText(Admin, "/subscribe@" + FakeBotApi.BotUsername + " 12:00 UTC", chat: new JsonObject { ["id"] = OldGroup, ["type"] = "group", ["title"] = "Old club" });
            api.EnqueueText(Admin, "/subscribe", chat: FakeBotApi.Group(Kicked));
            var confirmations = await api.WaitForAsync("sendMessage", Chats.Length);
            Assert.All(confirmations, c => Assert.Matches("Подписка оформлена|Subscribed", c.Text!));

            // The poster was woken by each subscription; let it settle on its next sleep before the clock moves.
            await Task.Delay(500, TestContext.Current.CancellationToken);
            bot = await RunUntilAsync(clock, api, bot, settings, End);
        }
        finally
        {
            await bot.DisposeAsync();
        }

        var posts = api.Calls.Where(c => c.Method == "sendMessage" && c.At > Start && c.Text is { } text && !text.StartsWith("Подписка", StringComparison.Ordinal) && !text.StartsWith("Subscribed", StringComparison.Ordinal)).ToList();
        var days = AnniversaryDays();
        Assert.True(days.Count >= 8, "the fact base remembers the treaty's key days");

        foreach (var chat in Chats)
        {
            var expected = Expected(chat, days);
            var ids = chat.Id == OldGroup ? new[] { OldGroup, Supergroup } : [chat.Id];
            var delivered = posts.Where(p => !p.Failed && ids.Contains(p.ChatId!.Value))
                .Select(p => (Day: PostSchedule(p.At, chat.Zone), p.At)).Distinct().ToList();
            Assert.NotEmpty(expected);
            Assert.Equal(expected, delivered);
        }

        // The kicked group: one refused post (403), which ended the subscription; nothing tried after it.
        var toKicked = posts.Where(p => p.ChatId == Kicked && p.At >= KickedAt).ToList();
        Assert.True(Assert.Single(toKicked).Failed);

        // The migrated group: one refused post at the old id, then everything at the new one.
        Assert.True(Assert.Single(posts, p => p.ChatId == OldGroup && p.At >= MigratedAt).Failed);
        Assert.DoesNotContain(posts, p => p.ChatId == Supergroup && p.At < MigratedAt);
        Assert.Contains(posts, p => p.ChatId == Supergroup && !p.Failed);

        // The forum: in its topic until the topic was closed; then one refusal, and the general topic.
        var forum = posts.Where(p => p.ChatId == Forum).ToList();
        Assert.All(forum.Where(p => p.At < TopicClosedAt), p => Assert.Equal(Topic, p.Body["message_thread_id"]?.GetValue<int>()));
        Assert.Single(forum, p => p.At >= TopicClosedAt && p.Failed);
        Assert.Contains(forum, p => p.At >= TopicClosedAt && !p.Failed);
        Assert.All(forum.Where(p => p.At >= TopicClosedAt && !p.Failed), p => Assert.Null(p.Body["message_thread_id"]));

        // In the language of whoever subscribed: English in the private chat, Russian in the groups and the channel.
        Assert.All(posts.Where(p => p.ChatId == Private), p => Assert.Contains("On this day in", p.Text, StringComparison.Ordinal));
        Assert.All(posts.Where(p => p.ChatId is Group or Channel && !p.Failed), p => Assert.Contains("В этот день в", p.Text, StringComparison.Ordinal));
    }

    private static async Task<BotHost> RunUntilAsync(TimerClock clock, FakeBotApi api, BotHost bot, Dictionary<string, string?> settings, DateTimeOffset end)
    {
        var restarted = false;
        var down = false;
        var kicked = false;
        var migrated = false;
        var closed = false;
        while (clock.GetUtcNow() < end)
        {
            var next = new[] { QuickRestart, DownFrom, KickedAt, MigratedAt, TopicClosedAt, end }.Where(t => t > clock.GetUtcNow()).Min();
            await clock.AdvanceToNextTimerAsync(next);
            var now = clock.GetUtcNow();
            if (!kicked && now >= KickedAt)
            {
                kicked = true;
                api.Kick(Kicked);
            }

            if (!migrated && now >= MigratedAt)
            {
                migrated = true;
                api.MigrateToSupergroup(OldGroup, Supergroup);
            }

            if (!closed && now >= TopicClosedAt)
            {
                closed = true;
                api.CloseTopic(Forum, Topic);
            }

            if (!restarted && now >= QuickRestart)
            {
                restarted = true;
                await bot.DisposeAsync();
                bot = await BotHost.StartAsync(api, settings, time: clock);
            }

            if (!down && now >= DownFrom)
            {
                down = true;
                await bot.DisposeAsync();
                clock.Advance(DownUntil - now);
                bot = await BotHost.StartAsync(api, settings, time: clock);
            }
        }

        return bot;
    }

    /// <summary>What each chat should get, worked out from the calendar alone: local day and time, downtime, kick.</summary>
    private static List<(DateOnly Day, DateTimeOffset At)> Expected(Chat chat, HashSet<(int Month, int Day)> days)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(chat.Zone);
        var expected = new List<(DateOnly, DateTimeOffset)>();
        for (var day = new DateOnly(2027, 1, 1); day.Year == 2027; day = day.AddDays(1))
        {
            if (!days.Contains((day.Month, day.Day)))
            {
                continue;
            }

            var due = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(chat.At), zone), TimeSpan.Zero);
            if (due >= DownFrom && due < DownUntil)
            {
                // After the downtime only the day it is then is posted (late), never a day gone by.
                if (PostSchedule(DownUntil, chat.Zone) == day)
                {
                    expected.Add((day, DownUntil));
                }

                continue;
            }

            if (chat.Id == Kicked && due >= KickedAt)
            {
                break;
            }

            expected.Add((day, due));
        }

        return expected;
    }

    private static DateOnly PostSchedule(DateTimeOffset at, string zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime);

    private static HashSet<(int Month, int Day)> AnniversaryDays() =>
        [.. new KnowledgeFixture().Store.Facts.Facts.Where(f => f.Anniversary is not null).Select(f => (f.Anniversary!.Value.Month!.Value, f.Anniversary.Value.Day!.Value))];

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private sealed record Chat(long Id, string Zone, TimeOnly At);
}
