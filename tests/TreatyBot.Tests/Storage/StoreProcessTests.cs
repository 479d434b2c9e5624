using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;
using Microsoft.Data.Sqlite;
using TreatyBot.Storage;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.Tests.Storage;

/// <summary>
/// The built bot as a process, as an operator runs it: a chat's /lang survives the process being killed hard right
/// after "language set" (and a normal SIGTERM stop), and a store it cannot use stops the start with one line: exit
/// code 2 for a setting that names no folder, 5 for a folder it cannot write or a file from a newer version.
/// </summary>
public sealed class StoreProcessTests
{
    private const string Question = "Когда подписан Пекинский договор?";

    [Theory]
    [InlineData(Ending.Kill)]
    [InlineData(Ending.Term)]
    public async Task Lang_ProcessStoppedRightAfterTheReply_ChatIsStillAnsweredInEnglishAfterARestart(Ending ending)
    {
        const int Chats = 12;
        const int Confirmed = 4;
        using var folder = TemporaryFolder.Create("restart-");
        var storage = Path.Combine(folder.Path, "data");
        List<long> confirmed;

        // First life: twelve chats choose English at once; the bot is stopped as soon as four are told it is done,
        // with the others' writes and replies still in flight.
        await using (var api = await FakeBotApi.StartAsync())
        {
            using var bot = Start(api, storage, folder.Path);
            for (var chat = 1; chat <= Chats; chat++)
            {
                api.EnqueueText(userId: 700 + chat, "/lang en");
            }

            var replies = await api.WaitForAsync("sendMessage", Confirmed, TimeSpan.FromSeconds(60));
            await bot.StopAsync(ending);

            Assert.All(replies, reply => Assert.Contains("English", reply.Text, StringComparison.Ordinal));
            confirmed = [.. replies.Take(Confirmed).Select(reply => reply.ChatId!.Value)];
            if (ending == Ending.Term)
            {
                Assert.True(bot.ExitCode == 0, bot.Log);
                Assert.False(File.Exists(Path.Combine(storage, SqliteDatabase.FileName + "-wal")), "the WAL was not folded into the file on a normal stop");
            }
        }

        // Second life on the same folder, with a Telegram that has nothing to redeliver: the language can only come
        // from the file. A question in Russian is answered in English in each confirmed chat.
        await using (var api = await FakeBotApi.StartAsync())
        {
            using var bot = Start(api, storage, folder.Path);
            foreach (var chat in confirmed)
            {
                api.EnqueueText(userId: chat, Question);
            }

            var answers = await api.WaitForAsync("sendMessage", confirmed.Count, TimeSpan.FromSeconds(60));
            await bot.StopAsync(Ending.Kill);

            Assert.Equal(confirmed.Order(), answers.Select(a => a.ChatId!.Value).Order());
            Assert.All(answers, answer => Assert.Contains("20 January 1925", answer.Text, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Run_StoragePathNamingAFile_FailsWithOneLineAndExitCode2()
    {
        using var folder = TemporaryFolder.Create("store-");
        var file = Path.Combine(folder.Path, "treatybot.db");
        await File.WriteAllTextAsync(file, "", TestContext.Current.CancellationToken);

        var (exitCode, stdout, stderr) = await BotProcess.RunAsync(Settings(file));

        Assert.Equal(2, exitCode);
        var line = Assert.Single(BotProcess.Lines(stderr));
        Assert.Equal($"Storage:Path: '{file}' is a file; name a folder (the bot keeps treatybot.db in it)", line);
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task Run_FileFromANewerVersion_FailsWithOneLineAndExitCode5()
    {
        using var folder = TemporaryFolder.Create("store-");
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(folder.Path, SqliteDatabase.FileName)};Pooling=false"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {Migrations.All.Count + 5}";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var (exitCode, stdout, stderr) = await BotProcess.RunAsync(Settings(folder.Path));

        Assert.Equal(5, exitCode);
        var line = Assert.Single(BotProcess.Lines(stderr));
        Assert.StartsWith("Storage:Path: ", line, StringComparison.Ordinal);
        Assert.Contains("newer than this build knows", line, StringComparison.Ordinal);
        Assert.DoesNotContain("DO_NOT_LOG", line + stdout, StringComparison.Ordinal);
    }

    [Theory]
    [SupportedOSPlatform("linux")]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_StoreTheBotsUserCannotWrite_FailsWithOneLineAndExitCode5(bool fileExists)
    {
        using var folder = TemporaryFolder.Create("store-");
        var locked = Path.Combine(folder.Path, "locked");
        Directory.CreateDirectory(locked);
        var storage = fileExists ? locked : Path.Combine(locked, "data");
        if (fileExists)
        {
            using var database = SqliteDatabaseTests.Open(locked);
            await database.OpenAsync(TestContext.Current.CancellationToken);
            File.SetUnixFileMode(database.File, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        try
        {
            var (exitCode, stdout, stderr) = await RunAsUnprivilegedUserAsync(Settings(storage));

            Assert.True(exitCode == 5, stderr);
            var line = Assert.Single(BotProcess.Lines(stderr));
            Assert.StartsWith("Storage:Path: ", line, StringComparison.Ordinal);
            Assert.Contains(fileExists ? "is read-only" : "cannot create the folder", line, StringComparison.Ordinal);
            Assert.Empty(stdout);
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static Dictionary<string, string?> Settings(string storage) => new()
    {
        ["Bot__Token"] = "123456789:TEST-secret_token_DO_NOT_LOG_abcdefghij",
        ["Bot__ApiBaseUrl"] = "http://127.0.0.1:9",
        ["Knowledge__Path"] = TestPaths.Responses,
        ["Storage__Path"] = storage,
    };

    /// <summary>
    /// Runs the bot as the user "nobody" when the tests run as root (root writes where the mode bits say no, as CI
    /// runs), else as the current user: in both cases one the locked folder refuses.
    /// </summary>
    private static async Task<(int ExitCode, string Output, string Error)> RunAsUnprivilegedUserAsync(Dictionary<string, string?> environment)
    {
        string[]? runAs = Environment.UserName == "root" ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : null;
        return await BotProcess.RunAsync(environment, runAs, Path.GetTempPath());
    }

    private static RunningBot Start(FakeBotApi api, string storage, string workingDirectory) => RunningBot.Start(
        new Dictionary<string, string?>
        {
            ["Bot__Token"] = api.Token,
            ["Bot__ApiBaseUrl"] = api.BaseUrl.ToString(),
            ["Bot__PollTimeoutSeconds"] = "1",
            ["Knowledge__Path"] = TestPaths.Responses,
            ["Storage__Path"] = storage,
        },
        workingDirectory);
}
