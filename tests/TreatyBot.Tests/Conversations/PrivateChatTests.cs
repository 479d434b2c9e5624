using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TreatyBot.Knowledge.Facts;
using TreatyBot.KnowledgeBase;
using TreatyBot.Tests.Fakes;
using TreatyBot.Tests.Rendering;

namespace TreatyBot.Tests.Conversations;

/// <summary>A private chat with the bot, through the fake Bot API with the real TelegramBotClient.</summary>
public sealed class PrivateChatTests
{
    [Fact]
    public async Task Start_ShowsExampleQuestionsAsButtons_AndPressingOneAsksIt()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api);

        api.EnqueueText(userId: 10, "/start");
        var greeting = Assert.Single(await api.WaitForAsync("sendMessage", 1));
        var buttons = Buttons(greeting);
        Assert.InRange(buttons.Count, 4, 6);
        Assert.All(buttons, b => Assert.InRange(Encoding.UTF8.GetByteCount(b.Data), 1, 64));

        api.EnqueueButtonPress(userId: 10, chatId: 10, buttons[0].Data);
        var pressed = Assert.Single(await api.WaitForAsync("answerCallbackQuery", 1));
        Assert.StartsWith("cb", pressed.Body["callback_query_id"]!.GetValue<string>(), StringComparison.Ordinal);
        var answer = (await api.WaitForAsync("sendMessage", 2))[1];
        Assert.Contains("<b>", answer.Text, StringComparison.Ordinal);
        Assert.Empty(TelegramHtml.Problems(answer.Text!));
    }

    [Fact]
    public async Task Answer_OffersAtMostThreeRelatedFacts_ThatOpenWhenPressed()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api);

        api.EnqueueText(userId: 11, "Когда подписан Пекинский договор?");
        var answer = Assert.Single(await api.WaitForAsync("sendMessage", 1));
        var related = Buttons(answer);
        Assert.InRange(related.Count, 1, 3);

        api.EnqueueButtonPress(userId: 11, chatId: 11, related[0].Data);
        await api.WaitForAsync("answerCallbackQuery", 1);
        var opened = (await api.WaitForAsync("sendMessage", 2))[1];
        var factId = related[0].Data.Split(':')[2];
        var fact = bot.Services.GetRequiredService<KnowledgeStore>().Facts.Find(factId)!;
        Assert.Equal(related[0].Text, fact.Title.Ru);
        Assert.Contains(fact.Answer.Ru, TelegramHtml.VisibleText(opened.Text!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ButtonOfAnOldMessage_StillWorks_AndAnUnknownFactIsExplained()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api);

        // No message was sent in this run: the press comes from a message of an earlier run.
        api.EnqueueButtonPress(userId: 12, chatId: 12, "f:ru:signing-date", messageId: 999);
        await api.WaitForAsync("answerCallbackQuery", 1);
        var opened = Assert.Single(await api.WaitForAsync("sendMessage", 1));
        Assert.Contains("20 января 1925", opened.Text, StringComparison.Ordinal);

        api.EnqueueButtonPress(userId: 12, chatId: 12, "f:ru:no-such-fact", messageId: 998);
        var expired = (await api.WaitForAsync("answerCallbackQuery", 2))[1];
        Assert.False(string.IsNullOrWhiteSpace(expired.Body["text"]?.GetValue<string>()));
    }

    [Fact]
    public async Task Timeline_ListsEventsInDateOrderWithButtons()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api);

        api.EnqueueText(userId: 13, "/timeline", languageCode: "en");
        var sent = await api.WaitForAsync("sendMessage", 1);
        var text = string.Join("\n", sent.Select(s => TelegramHtml.VisibleText(s.Text!)));
        var years = System.Text.RegularExpressions.Regex.Matches(text, @"^\d+\. .*?(\d{4}) —", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(years.Count >= 20, text);
        Assert.Equal(years.Order(), years);
        Assert.Contains("20 January 1925", text, StringComparison.Ordinal);
        Assert.NotEmpty(Buttons(sent[^1]));
        Assert.All(sent, s => Assert.Empty(TelegramHtml.Problems(s.Text!)));
    }

    [Fact]
    public async Task AYear_OrTimelineWithAYear_ListsThatYearsEventsWithButtons()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api);

        api.EnqueueText(userId: 16, "1944");
        api.EnqueueText(userId: 16, "/timeline 1941");
        api.EnqueueText(userId: 16, "/timeline 1930");
        var sent = await api.WaitForAsync("sendMessage", 3);

        var year = TelegramHtml.VisibleText(sent[0].Text!);
        Assert.StartsWith("События 1944 года", year, StringComparison.Ordinal);
        Assert.Contains("30 марта 1944", year, StringComparison.Ordinal);
        Assert.DoesNotContain("1925", year, StringComparison.Ordinal);
        var lines = System.Text.RegularExpressions.Regex.Count(year, @"^\d+\. ", System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.Equal(lines, Buttons(sent[0]).Count);
        Assert.StartsWith("События 1941 года", TelegramHtml.VisibleText(sent[1].Text!), StringComparison.Ordinal);
        var none = TelegramHtml.VisibleText(sent[2].Text!);
        Assert.Contains("нет событий 1930 года", none, StringComparison.Ordinal);
        Assert.Contains("20 января 1925", none, StringComparison.Ordinal);
        Assert.All(sent, s => Assert.Empty(TelegramHtml.Problems(s.Text!)));
    }

    [Fact]
    public async Task Sources_ListsLinks()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api);

        api.EnqueueText(userId: 14, "/sources");
        var sent = await api.WaitForAsync("sendMessage", 1);

        Assert.True(sent.Sum(s => System.Text.RegularExpressions.Regex.Count(s.Text!, "<a href=\"https://")) >= 10);
    }

    [Fact]
    public async Task Lang_SwitchesTheReplyLanguageOfThatChat()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api);

        api.EnqueueText(userId: 15, "/lang en");
        api.EnqueueText(userId: 15, "Когда подписан Пекинский договор?");
        var sent = await api.WaitForAsync("sendMessage", 2);

        Assert.Contains("English", sent[0].Text, StringComparison.Ordinal);
        Assert.Contains("20 January 1925", sent[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditedMessage_IsNotAnsweredAgain()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api);

        api.EnqueueText(userId: 16, "кто подписал договор");
        await api.WaitForAsync("sendMessage", 1);
        api.Enqueue(new JsonObject
        {
            ["edited_message"] = new JsonObject
            {
                ["message_id"] = 1, ["date"] = 1_700_000_000, ["edit_date"] = 1_700_000_100,
                ["chat"] = new JsonObject { ["id"] = 16, ["type"] = "private" },
                ["from"] = FakeBotApi.User(16, "ru"), ["text"] = "кто подписал договор?",
            },
        });

        await Eventually.UntilAsync(() => api.Unconfirmed().Count == 0);
        Assert.Single(api.Sent());
    }

    [Fact]
    public async Task FactTextWithMarkupCharacters_ReachesTheUserAsWritten()
    {
        // Users' words never come back in a reply; what does is the curators' text, which may hold <, > and &.
        const string Written = "Статья <b>II</b> & пункт «1 < 2 > 0», \"в кавычках\"; см. &amp; и &#33;";
        using var copy = TestPaths.CopyOfResponses();
        // Without the bank's examples the classifier of this changed base learns in a moment, not the seconds that 28 000
        // questions take in a Debug build beside other tests (which once outlasted the wait for the reply).
        File.Delete(Path.Combine(copy.Path, FactBaseLoader.ExamplesFile));
        await File.WriteAllTextAsync(Path.Combine(copy.Path, "facts", "50-markup.yaml"), """
            - id: markup-test-entry
              topic: dates
              title: { ru: "Проверка <разметки> & кавычек", en: "A <markup> & quotes check" }
              answer: { ru: "Статья <b>II</b> & пункт «1 < 2 > 0», \"в кавычках\"; см. &amp; и &#33;", en: "Article <b>II</b> & clause 1 < 2 > 0." }
              status: solid
              sources: [{ ref: ruwiki-peking-1925 }]
              keywords: { ru: [абракадабра], en: [abracadabra] }
            """, TestContext.Current.CancellationToken);
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api, responses: copy.Path);

        api.EnqueueText(userId: 17, "абракадабра");
        var reply = Assert.Single(await api.WaitForAsync("sendMessage", 1));

        // The fake parses Telegram HTML strictly and refuses (400) what Telegram would refuse.
        Assert.False(reply.Failed, $"refused: {string.Join("; ", TelegramHtml.Problems(reply.Text!))}\n{reply.Text}");
        Assert.Contains(Written, TelegramHtml.VisibleText(reply.Text!), StringComparison.Ordinal);
    }

    internal static List<(string Text, string Data)> Buttons(RecordedCall call) =>
        [.. (call.Body["reply_markup"]?["inline_keyboard"]?.AsArray() ?? [])
            .SelectMany(row => row!.AsArray())
            .Select(b => (b!["text"]!.GetValue<string>(), b["callback_data"]!.GetValue<string>()))];
}
