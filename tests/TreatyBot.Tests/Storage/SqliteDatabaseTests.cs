using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using TreatyBot.Knowledge;
using TreatyBot.Storage;

namespace TreatyBot.Tests.Storage;

/// <summary>
/// The store's file as an operator meets it: made from nothing, opened again and again, brought up to date step by step,
/// and refused in one line (naming Storage:Path) when it cannot be used: from a newer version, not a database, or in
/// a place the bot cannot write.
/// </summary>
public sealed class SqliteDatabaseTests
{
    private static readonly Migration Notes = new(2, "notes", "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL); INSERT INTO notes (text) VALUES ('added by step 2')");

    [Fact]
    public async Task OpenAsync_FolderThatDoesNotExist_MakesTheFileAtTheLatestVersionInWalMode()
    {
        using var temp = TemporaryFolder.Create("store-");
        var folder = Path.Combine(temp.Path, "data", "nested");

        using (var database = Open(folder))
        {
            await database.OpenAsync(TestContext.Current.CancellationToken);

            Assert.Equal(Path.Combine(folder, "treatybot.db"), database.File);
            Assert.True(File.Exists(database.File));
            Assert.Equal(Migrations.All.Count, database.LatestVersion);
        }

        Assert.Equal((long)Migrations.All.Count, await ScalarAsync(folder, "PRAGMA user_version"));
        Assert.Equal("wal", await ScalarAsync(folder, "PRAGMA journal_mode"));
        Assert.Equal(1L, await ScalarAsync(folder, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'chat_settings'"));
    }

    [Fact]
    public async Task OpenAsync_TheSameFileAgain_KeepsItsDataAndAppliesNoStepTwice()
    {
        using var temp = TemporaryFolder.Create("store-");
        using (var first = Open(temp.Path))
        {
            await new SqliteChatSettings(first).SetLanguageAsync(42, Language.En, TestContext.Current.CancellationToken);
        }

        // The steps are plain CREATE TABLE: applied a second time, they would fail.
        for (var i = 0; i < 3; i++)
        {
            using var again = Open(temp.Path);
            Assert.Equal(Language.En, await new SqliteChatSettings(again).GetLanguageAsync(42, TestContext.Current.CancellationToken));
        }

        Assert.Equal((long)Migrations.All.Count, await ScalarAsync(temp.Path, "PRAGMA user_version"));
    }

    [Fact]
    public async Task OpenAsync_FileOfAnOlderVersion_AppliesOnlyTheMissingStepsAndKeepsTheData()
    {
        using var temp = TemporaryFolder.Create("store-");
        using (var version1 = Open(temp.Path, [SqliteChatSettings.Migration]))
        {
            await new SqliteChatSettings(version1).SetLanguageAsync(7, Language.Ru, TestContext.Current.CancellationToken);
        }

        using (var version2 = Open(temp.Path, [SqliteChatSettings.Migration, Notes]))
        {
            await version2.OpenAsync(TestContext.Current.CancellationToken);
            Assert.Equal(Language.Ru, await new SqliteChatSettings(version2).GetLanguageAsync(7, TestContext.Current.CancellationToken));
        }

        using (var reopened = Open(temp.Path, [SqliteChatSettings.Migration, Notes]))
        {
            await reopened.OpenAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(2L, await ScalarAsync(temp.Path, "PRAGMA user_version"));
        Assert.Equal(1L, await ScalarAsync(temp.Path, "SELECT count(*) FROM notes"));
    }

    [Fact]
    public async Task OpenAsync_StepThatFails_IsRolledBackAndTheFileStaysAtThePreviousVersion()
    {
        using var temp = TemporaryFolder.Create("store-");
        using (var version1 = Open(temp.Path, [SqliteChatSettings.Migration]))
        {
            await new SqliteChatSettings(version1).SetLanguageAsync(7, Language.En, TestContext.Current.CancellationToken);
        }

        var broken = new Migration(2, "broken", "CREATE TABLE notes (id INTEGER PRIMARY KEY); INSERT INTO no_such_table VALUES (1)");
        using (var failing = Open(temp.Path, [SqliteChatSettings.Migration, broken]))
        {
            var error = await Assert.ThrowsAsync<StoreException>(() => failing.OpenAsync(TestContext.Current.CancellationToken));
            AssertOneLineNamingTheSetting(error.Message);
            Assert.Contains("no_such_table", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(1L, await ScalarAsync(temp.Path, "PRAGMA user_version"));
        Assert.Equal(0L, await ScalarAsync(temp.Path, "SELECT count(*) FROM sqlite_schema WHERE name = 'notes'"));
        using var fixedBuild = Open(temp.Path, [SqliteChatSettings.Migration, Notes]);
        Assert.Equal(Language.En, await new SqliteChatSettings(fixedBuild).GetLanguageAsync(7, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task OpenAsync_FileFromANewerVersion_IsRefusedWithOneLineAndLeftAsItWas()
    {
        using var temp = TemporaryFolder.Create("store-");
        var newer = Migrations.All.Count + 1;
        await ExecuteAsync(temp.Path, $"CREATE TABLE future (x); PRAGMA user_version = {newer};");
        var before = Hash(temp.Path);

        using var database = Open(temp.Path);
        var error = await Assert.ThrowsAsync<StoreException>(() => database.OpenAsync(TestContext.Current.CancellationToken));

        AssertOneLineNamingTheSetting(error.Message);
        Assert.Contains($"schema version {newer}, newer than this build knows ({Migrations.All.Count})", error.Message, StringComparison.Ordinal);
        Assert.Contains(database.File, error.Message, StringComparison.Ordinal);
        database.Dispose();
        Assert.Equal(before, Hash(temp.Path));
    }

    [Fact]
    public async Task OpenAsync_FileThatIsNotADatabase_IsRefusedWithOneLine()
    {
        using var temp = TemporaryFolder.Create("store-");
        await File.WriteAllTextAsync(Path.Combine(temp.Path, SqliteDatabase.FileName), "chat_id,language\n42,en\n" + new string('x', 4096), TestContext.Current.CancellationToken);

        using var database = Open(temp.Path);
        var error = await Assert.ThrowsAsync<StoreException>(() => database.OpenAsync(TestContext.Current.CancellationToken));

        AssertOneLineNamingTheSetting(error.Message);
        Assert.Contains("not a database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_FolderThatCannotBeMade_IsRefusedWithOneLine()
    {
        // A file stands where a parent folder should be: no user, root included, can make the folder.
        using var temp = TemporaryFolder.Create("store-");
        var blocker = Path.Combine(temp.Path, "volume");
        await File.WriteAllTextAsync(blocker, "not a folder", TestContext.Current.CancellationToken);

        using var database = Open(Path.Combine(blocker, "data"));
        var error = await Assert.ThrowsAsync<StoreException>(() => database.OpenAsync(TestContext.Current.CancellationToken));

        AssertOneLineNamingTheSetting(error.Message);
        Assert.Contains($"cannot create the folder '{Path.Combine(blocker, "data")}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_TwoInstancesAtOnce_ApplyTheSchemaOnce()
    {
        using var temp = TemporaryFolder.Create("store-");
        using var one = Open(temp.Path);
        using var other = Open(temp.Path);

        var ct = TestContext.Current.CancellationToken;
        await Task.WhenAll(Task.Run(() => one.OpenAsync(ct), ct), Task.Run(() => other.OpenAsync(ct), ct));

        Assert.Equal((long)Migrations.All.Count, await ScalarAsync(temp.Path, "PRAGMA user_version"));
    }

    [Fact]
    public void Migrations_OutOfOrderOrWithAGap_AreAProgrammingError()
    {
        Assert.Throws<InvalidOperationException>(() => Open("unused", [Notes]));
        Assert.Throws<InvalidOperationException>(() => Open("unused", [SqliteChatSettings.Migration, Notes, Notes]));
        using var all = Open("unused", Migrations.All);
        Assert.Equal(Migrations.All.Count, all.LatestVersion);
    }

    internal static SqliteDatabase Open(string folder, IReadOnlyList<Migration>? migrations = null) =>
        new(folder, migrations ?? Migrations.All, NullLogger<SqliteDatabase>.Instance);

    internal static void AssertOneLineNamingTheSetting(string message)
    {
        Assert.StartsWith("Storage:Path: ", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
        Assert.DoesNotContain("Exception", message, StringComparison.Ordinal);
    }

    /// <summary>A value read with a connection of its own (not the store's), closed at once.</summary>
    private static async Task<object?> ScalarAsync(string folder, string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString(folder));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(string folder, string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString(folder));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static string ConnectionString(string folder) =>
        new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, SqliteDatabase.FileName), Pooling = false }.ToString();

    private static string Hash(string folder) =>
        Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, SqliteDatabase.FileName))));
}
