using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using TreatyBot.Tests.Fakes;
using TreatyBot.Tests.Rendering;

namespace TreatyBot.Tests.Anniversaries;

/// <summary>/today, /subscribe, /unsubscribe and /subscription as users send them, through the fake Bot API.</summary>
public sealed class AnniversaryCommandsTests
{
    private const long GroupId = -100700;
    private const long Admin = 41;
    private const long Member = 42;

    private static FakeTimeProvider Clock(string utc) =>
        new(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Today_OnTheSigningDay_TellsItWithTheYearsSince()
    {
        var clock = Clock("2026-01-20T08:00:00Z");
        await using var api = await FakeBotApi.StartAsync(time: clock);
        await using var bot = await BotHost.StartAsync(api, time: clock);

        api.EnqueueText(userId: 10, "/today");
        var reply = Assert.Single(await api.WaitForAsync("sendMessage", 1));

        Assert.Contains("В этот день в 1925 году, 101 год назад", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Конвенция подписана 20 января 1925 года в Пекине.", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Today_OnADayOfNoAnniversary_NamesTheNextOne_InTheSubscriptionsZone()
    {
        // 16:00 UTC on 19 January 2027: still the 19th in Moscow (the default zone), already the 20th in Tokyo.
        var clock = Clock("2027-01-19T16:00:00Z");
        await using var api = await FakeBotApi.StartAsync(time: clock);
        await using var bot = await BotHost.StartAsync(api, time: clock);

        api.EnqueueText(userId: 11, "/today", languageCode: "en");
        var moscow = Assert.Single(await api.WaitForAsync("sendMessage", 1));
        api.EnqueueText(userId: 11, "/subscribe 09:00 Asia/Tokyo", languageCode: "en");
        api.EnqueueText(userId: 11, "/today", languageCode: "en");
        var tokyo = (await api.WaitForAsync("sendMessage", 3))[2];

        var nothing = TelegramHtml.VisibleText(moscow.Text!);
        Assert.StartsWith("Nothing in the treaty's history happened on 19 January. The next anniversary is 20 January:", nothing, StringComparison.Ordinal);
        Assert.Contains("On 20 January 1925, 102 years ago", nothing, StringComparison.Ordinal);
        Assert.Contains("On this day in 1925, 102 years ago", TelegramHtml.VisibleText(tokyo.Text!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_ThenSubscription_ShowsTimeZoneAndNextPostDate_ThenUnsubscribe()
    {
        var clock = Clock("2026-12-01T12:00:00Z");
        await using var api = await FakeBotApi.StartAsync(time: clock);
        await using var bot = await BotHost.StartAsync(api, time: clock);

        api.EnqueueText(userId: 12, "/subscription");
        api.EnqueueText(userId: 12, "/subscribe asia/tokyo 9:00");
        api.EnqueueText(userId: 12, "/subscription");
        api.EnqueueText(userId: 12, "/unsubscribe");
        api.EnqueueText(userId: 12, "/unsubscribe");

        // Three replies at once is a chat's burst; the rest go once its window (on this clock) has passed.
        await api.WaitForAsync("sendMessage", 3);
        clock.Advance(TimeSpan.FromSeconds(4));
        var replies = (await api.WaitForAsync("sendMessage", 5)).Select(r => r.Text).ToList();

        Assert.StartsWith("Подписки нет.", replies[0], StringComparison.Ordinal);
        Assert.Equal("Подписка оформлена: в годовщины событий договора я буду писать сюда в 09:00 (Asia/Tokyo). Следующий пост — 14 декабря 2026.", replies[1]);
        Assert.StartsWith("Подписка действует: посты в годовщины в 09:00 (Asia/Tokyo). Следующий пост — 14 декабря 2026.", replies[2], StringComparison.Ordinal);
        Assert.StartsWith("Подписка отменена", replies[3], StringComparison.Ordinal);
        Assert.Equal("Подписки и так нет.", replies[4]);
    }

    [Theory]
    [InlineData("/subscribe 09:00 Mars/Olympus", "Не знаю часового пояса «Mars/Olympus»")]
    [InlineData("/subscribe 25:00", "Так: /subscribe или /subscribe 09:00 Asia/Tokyo")]
    public async Task Subscribe_UnknownZoneOrBadTime_IsExplained_AndNothingIsSubscribed(string command, string expected)
    {
        var clock = Clock("2026-12-01T12:00:00Z");
        await using var api = await FakeBotApi.StartAsync(time: clock);
        await using var bot = await BotHost.StartAsync(api, time: clock);

        api.EnqueueText(userId: 13, command);
        api.EnqueueText(userId: 13, "/subscription");
        var replies = await api.WaitForAsync("sendMessage", 2);

        Assert.StartsWith(expected, replies[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("Подписки нет.", replies[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Group_OnlyAdministratorsChangeTheSubscription_AsTelegramSays_AnyoneMayLookAtIt()
    {
        var clock = Clock("2026-12-01T12:00:00Z");
        await using var api = await FakeBotApi.StartAsync(time: clock);
        await using var bot = await BotHost.StartAsync(api, time: clock);
        api.SetMember(GroupId, Admin, "administrator");
        api.SetMember(GroupId, Member, "member");

        api.EnqueueText(Member, "/subscribe", chat: FakeBotApi.Group(GroupId));
        api.EnqueueText(Admin, "/subscribe", chat: FakeBotApi.Group(GroupId));
        api.EnqueueText(Member, "/unsubscribe", chat: FakeBotApi.Group(GroupId));
        api.EnqueueText(Member, "/subscription", chat: FakeBotApi.Group(GroupId));

        // Three replies at once is a chat's burst; the fourth goes once its window (on this clock) has passed.
        await api.WaitForAsync("sendMessage", 3);
        clock.Advance(TimeSpan.FromSeconds(4));
        var replies = await api.WaitForAsync("sendMessage", 4);

        Assert.Equal("Подписку в группе меняют только администраторы.", replies[0].Text);
        Assert.StartsWith("Подписка оформлена: в годовщины событий договора я буду писать сюда в 10:00 (Europe/Moscow).", replies[1].Text, StringComparison.Ordinal);
        Assert.Equal("Подписку в группе меняют только администраторы.", replies[2].Text);
        Assert.StartsWith("Подписка действует", replies[3].Text, StringComparison.Ordinal);
        var asked = api.Sent("getChatMember").Select(c => (c.ChatId, c.Body["user_id"]!.GetValue<long>())).ToList();
        Assert.Equal([(GroupId, Member), (GroupId, Admin), (GroupId, Member)], asked);
    }

    [Fact]
    public async Task Group_AnonymousAdministrator_MaySubscribe_WithoutAskingTelegram()
    {
        var clock = Clock("2026-12-01T12:00:00Z");
        await using var api = await FakeBotApi.StartAsync(time: clock);
        await using var bot = await BotHost.StartAsync(api, time: clock);

        // An anonymous administrator writes as the group itself (from: GroupAnonymousBot, sender_chat: the group).
        api.EnqueueText(1087968824, "/subscribe 08:00", chat: FakeBotApi.Group(GroupId), extra: new JsonObject { ["sender_chat"] = FakeBotApi.Group(GroupId) });
        var reply = Assert.Single(await api.WaitForAsync("sendMessage", 1));

        Assert.StartsWith("Подписка оформлена", reply.Text, StringComparison.Ordinal);
        Assert.Empty(api.Sent("getChatMember"));
    }

    [Fact]
    public async Task Group_WhenTelegramCannotSayWhoIsAdmin_TheChangeIsRefused()
    {
        var clock = Clock("2026-12-01T12:00:00Z");
        await using var api = await FakeBotApi.StartAsync(time: clock);
        await using var bot = await BotHost.StartAsync(api, time: clock);

        // The fake knows nobody in this group: getChatMember answers "chat not found", as for a chat the bot is not in.
        api.EnqueueText(Admin, "/subscribe", chat: FakeBotApi.Group(GroupId));
        var reply = Assert.Single(await api.WaitForAsync("sendMessage", 1));

        Assert.Equal("Подписку в группе меняют только администраторы.", reply.Text);
    }

    [Fact]
    public async Task Channel_CommandPosts_SubscribeAndShow_OtherCommandsStayIgnored()
    {
        var clock = Clock("2026-12-01T12:00:00Z");
        await using var api = await FakeBotApi.StartAsync(time: clock);
        await using var bot = await BotHost.StartAsync(api, time: clock);

        api.EnqueueChannelPost(-100800, "/help");
        api.EnqueueChannelPost(-100800, "/subscribe 18:00 Europe/Moscow");
        api.EnqueueChannelPost(-100800, "/subscription");
        var replies = await api.WaitForAsync("sendMessage", 2);

        Assert.All(replies, r => Assert.Equal(-100800, r.ChatId));
        Assert.StartsWith("Подписка оформлена: в годовщины событий договора я буду писать сюда в 18:00 (Europe/Moscow).", replies[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("Подписка действует", replies[1].Text, StringComparison.Ordinal);
        await Eventually.UntilAsync(() => api.Unconfirmed().Count == 0);
        Assert.Equal(2, api.Sent().Count());
    }

    [Fact]
    public async Task GroupThatBecameASupergroup_ServiceMessage_MovesTheSubscription()
    {
        var clock = Clock("2026-12-01T12:00:00Z");
        using var logs = new CapturingLoggerProvider();
        await using var api = await FakeBotApi.StartAsync(time: clock);
        await using var bot = await BotHost.StartAsync(api, logs: logs, time: clock);
        api.SetMember(-900, Admin, "creator");
        var group = new JsonObject { ["id"] = -900, ["type"] = "group", ["title"] = "Club" };

        api.EnqueueText(Admin, "/subscribe 11:00", chat: group);
        await api.WaitForAsync("sendMessage", 1);
        api.EnqueueMigration(-900, -100900);

        // Updates of different chats are handled side by side: the question waits for the move to be done.
        await Eventually.UntilAsync(() => logs.Lines.Any(l => l.Contains("Chat -900 became supergroup -100900", StringComparison.Ordinal)));
        api.EnqueueText(Admin, "/subscription", chat: FakeBotApi.Group(-100900));
        var replies = await api.WaitForAsync("sendMessage", 2);

        Assert.Equal(-100900, replies[1].ChatId);
        Assert.StartsWith("Подписка действует: посты в годовщины в 11:00 (Europe/Moscow).", replies[1].Text, StringComparison.Ordinal);
    }
}
