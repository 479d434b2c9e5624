using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using TreatyBot.Cli;
using TreatyBot.Knowledge;
using TreatyBot.Rendering;
using TreatyBot.Storage;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.Tests.Curation;

/// <summary>
/// 👍 / 👎 under fact answers (Feedback:Enabled): a vote per person per message, a second press changes it, another
/// person adds one, the count survives a restart, and the store keeps no id; off by default.
/// </summary>
public sealed class FeedbackTests
{
    private const long GroupId = -1_004_455_667_788;
    private const long Alice = 7_400_000_001;
    private const long Bob = 7_400_000_002;
    private const string Question = "/ask Когда подписан Пекинский договор?";

    private static readonly Dictionary<string, string?> On = new() { ["Feedback:Enabled"] = "true" };

    [Fact]
    public async Task VoteButtons_UpThenDownBySamePerson_ChangeTheVote_AnotherPersonAddsOne_AndTheyHoldAfterARestart()
    {
        using var folder = TemporaryFolder.Create("feedback-");
        var settings = new Dictionary<string, string?>(On) { ["Storage:Path"] = folder.Path };
        string up, down, fact;
        await using (var api = await FakeBotApi.StartAsync())
        await using (var bot = await BotHost.StartAsync(api, settings))
        {
            api.EnqueueText(Alice, Question, chat: FakeBotApi.Group(GroupId));
            api.EnqueueText(Bob, Question, chat: FakeBotApi.Group(GroupId));
            var replies = await api.WaitForAsync("sendMessage", 2);

            // The same buttons for everyone: nothing in them is about who asked (one rendered reply serves all).
            var keyboard = CuratedRun.Buttons(replies[0]);
            Assert.Equal(Describe(keyboard), Describe(CuratedRun.Buttons(replies[1])));
            var votes = keyboard[^1];
            Assert.Equal(["👍", "👎"], votes.Select(b => b.Text));
            (up, down) = (votes[0].Data, votes[1].Data);
            fact = up[5..];
            Assert.Equal($"+:ru:{fact}", up);
            Assert.Equal($"-:ru:{fact}", down);

            Assert.Equal("Спасибо за оценку!", await PressAsync(api, Alice, up, message: 41));
            Assert.Equal("Оценка изменена.", await PressAsync(api, Alice, down, message: 41));
            Assert.Equal("Спасибо за оценку!", await PressAsync(api, Alice, down, message: 41));
            Assert.Equal("Спасибо за оценку!", await PressAsync(api, Bob, down, message: 41));
            Assert.Equal(2, api.Sent().Count());
        }

        Assert.Contains($"  {fact}  2 / 0", Review(folder.Path), StringComparison.Ordinal);

        await using (var api = await FakeBotApi.StartAsync())
        await using (var bot = await BotHost.StartAsync(api, settings))
        {
            // After a restart Alice is still known under message 41 (the key's secret is in the store), and new under 42.
            Assert.Equal("Оценка изменена.", await PressAsync(api, Alice, up, message: 41));
            Assert.Equal("Спасибо за оценку!", await PressAsync(api, Alice, down, message: 42));
        }

        Assert.Contains($"  {fact}  2 / 1", Review(folder.Path), StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(Path.Combine(folder.Path, SqliteDatabase.FileName), TestContext.Current.CancellationToken);
        foreach (var id in new[] { Alice, Bob, GroupId })
        {
            var eight = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(eight, id);
            Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(id.ToString(CultureInfo.InvariantCulture))) < 0, $"{id} as text");
            Assert.True(bytes.AsSpan().IndexOf(eight) < 0 && bytes.AsSpan().IndexOf(eight.AsSpan(2)) < 0, $"{id} as an integer");
        }
    }

    [Fact]
    public async Task FeedbackOff_ByDefault_FactAnswersHaveNoVoteButtons_AndAnOldVoteButtonStoresNothing()
    {
        using var folder = TemporaryFolder.Create("feedback-");
        await using (var api = await FakeBotApi.StartAsync())
        await using (var bot = await BotHost.StartAsync(api, new Dictionary<string, string?> { ["Storage:Path"] = folder.Path }))
        {
            api.EnqueueText(Alice, Question);
            var reply = Assert.Single(await api.WaitForAsync("sendMessage", 1));
            Assert.DoesNotContain(CuratedRun.Buttons(reply).SelectMany(row => row), b => b.Data[0] is '+' or '-');

            Assert.Null(await PressAsync(api, Alice, "-:ru:signatories", message: 7, chat: Alice));
        }

        Assert.Contains("Facts with the most 👎: none has any.", Review(folder.Path), StringComparison.Ordinal);
    }

    [Fact]
    public void VoteCallbackData_ForEveryFactInEitherLanguage_FitsTelegramsLimit_AndParsesBack()
    {
        var facts = new TreatyBot.KnowledgeBase.KnowledgeStore(TestPaths.Responses).Facts;

        foreach (var fact in facts.Facts)
        {
            foreach (var language in LanguageExtensions.All)
            {
                foreach (var button in AnswerRenderer.VoteButtons(fact, language, facts.Texts))
                {
                    var data = Assert.IsType<string>(button.CallbackData);
                    Assert.InRange(Encoding.UTF8.GetByteCount(data), 1, CallbackData.MaxBytes);
                    Assert.Equal(new CallbackData(data[0], language, fact.Id), CallbackData.Parse(data));
                }
            }
        }
    }

    /// <summary>Presses a button under message <paramref name="message"/> (in the group unless <paramref name="chat"/>); returns the toast.</summary>
    private static async Task<string?> PressAsync(FakeBotApi api, long user, string data, int message, long chat = GroupId)
    {
        var before = api.Sent("answerCallbackQuery").Count();
        api.EnqueueButtonPress(user, chat, data, messageId: message);
        var answers = await api.WaitForAsync("answerCallbackQuery", before + 1);
        return answers[before].Body["text"]?.GetValue<string>();
    }

    private static string Review(string folder)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(0, CommandLine.TryRun(["review", "--storage", folder], new StringReader(""), stdout, stderr));
        return stdout.ToString();
    }

    private static string Describe(IReadOnlyList<IReadOnlyList<(string Text, string Data)>> keyboard) =>
        string.Join(" | ", keyboard.Select(row => string.Join(", ", row.Select(b => b.Text + "=" + b.Data))));
}
