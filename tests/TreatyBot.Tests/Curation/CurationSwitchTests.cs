using Microsoft.Data.Sqlite;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.Tests.Curation;

/// <summary>An operator who wants no questions kept turns the log off: the file then holds none.</summary>
public sealed class CurationSwitchTests
{
    [Theory]
    [InlineData("true", 1)]
    [InlineData("false", 0)]
    public async Task UnansweredQuestion_IsLoggedOnlyWhileTheLogIsOn(string enabled, long expected)
    {
        using var data = TemporaryFolder.Create("curation-switch-");
        await using (var api = await FakeBotApi.StartAsync())
        {
            await using var bot = await BotHost.StartAsync(api, new Dictionary<string, string?>
            {
                ["Storage:Path"] = data.Path,
                ["Curation:Enabled"] = enabled,
            });

            api.EnqueueText(userId: 41, "Какого цвета были чернила, которыми подписали Пекинский договор?");
            api.EnqueueText(userId: 41, "/start");
            await api.WaitForAsync("sendMessage", 2);
        }

        // The bot has stopped, and what was queued is written on stop.
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data.Path, "treatybot.db")};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM curation_log";
        Assert.Equal(expected, (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
    }
}
