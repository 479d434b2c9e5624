using Microsoft.Data.Sqlite;
using TreatyBot.Storage;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.Tests.Storage;

/// <summary>
/// A store that fails while the bot runs (a disk gone bad, a table lost): questions are still answered, without the
/// chat's choice, and a /lang that could not be written is never confirmed: the chat is asked to try again later.
/// </summary>
public sealed class StoreFailureTests
{
    [Fact]
    public async Task StoreThatCannotBeRead_QuestionsAreStillAnswered_AndAChoiceNotWrittenIsNotConfirmed()
    {
        using var folder = TemporaryFolder.Create("store-");
        var logs = new CapturingLoggerProvider();
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api, new Dictionary<string, string?> { ["Storage:Path"] = folder.Path }, logs);
        api.EnqueueText(userId: 31, "/lang en");
        await api.WaitForAsync("sendMessage", 1);

        // The table goes away under the running bot.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(folder.Path, SqliteDatabase.FileName)};Pooling=false"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE chat_settings";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        api.EnqueueText(userId: 32, "Когда подписан Пекинский договор?");
        api.EnqueueText(userId: 33, "/lang en");
        var sent = await api.WaitForAsync("sendMessage", 3);
        var answer = Assert.Single(sent, s => s.ChatId == 32);
        var excuse = Assert.Single(sent, s => s.ChatId == 33);

        Assert.Contains("20 января 1925", answer.Text, StringComparison.Ordinal);
        Assert.StartsWith("Не получилось сохранить", excuse.Text, StringComparison.Ordinal);
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Chat 32: its language could not be read", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("Chat 33: the store failed", StringComparison.Ordinal));
    }
}
