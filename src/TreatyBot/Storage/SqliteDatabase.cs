using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace TreatyBot.Storage;

/// <summary>
/// The bot's SQLite file, <see cref="FileName"/> in the <c>Storage:Path</c> folder. Opened once (<see cref="OpenAsync"/>:
/// the folder made, WAL mode, the schema brought up to date by <see cref="Migrations"/>); then each feature's store
/// borrows a pooled connection (<see cref="ConnectAsync"/>) per call. A write first takes the file's turn
/// (<see cref="TakeWriteTurnAsync"/>): the process's writers queue in the order they came, without a thread held, and
/// only one of them at a time asks SQLite for its lock, which then waits at most <see cref="BusyTimeout"/> for another
/// process. Every commit is synced to disk before it returns.
/// </summary>
internal sealed partial class SqliteDatabase : IDisposable
{
    public const string FileName = "treatybot.db";

    /// <summary>How long a statement waits for another writer before it fails ("database is locked").</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    private const string Key = $"{StorageOptions.Section}:{nameof(StorageOptions.Path)}";

    /// <summary>Run on every connection as it is handed out (pooled connections keep them; running them again costs microseconds).</summary>
    private static readonly string ConnectionPragmas = string.Create(
        CultureInfo.InvariantCulture,
        $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = FULL;");

    /// <summary>
    /// One turn per file for every <see cref="SqliteDatabase"/> in the process. SQLite's own wait is not a queue: a
    /// waiting writer sleeps and tries again, and under many writers at once one of them can miss every free moment
    /// until its busy timeout ("database is locked").
    /// </summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteTurns = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim writeTurn;
    private readonly string folder;
    private readonly IReadOnlyList<Migration> migrations;
    private readonly ILogger logger;
    private readonly string connectionString;
    private readonly Lazy<Task> opened;

    public SqliteDatabase(string folder, IReadOnlyList<Migration> migrations, ILogger<SqliteDatabase> logger)
    {
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Migration '{migrations[i].Name}' has version {migrations[i].Version}; expected {i + 1} (versions run 1, 2, 3… in order)");
            }
        }

        this.folder = folder;
        this.migrations = migrations;
        this.logger = logger;
        File = Path.Combine(folder, FileName);
        writeTurn = WriteTurns.GetOrAdd(Path.GetFullPath(File), _ => new SemaphoreSlim(1, 1));
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = File,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString();
        opened = new(OpenOnceAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The database file's full path.</summary>
    public string File { get; }

    /// <summary>The schema version this build brings a file to (the last migration's).</summary>
    public int LatestVersion => migrations.Count;

    /// <summary>
    /// Makes the folder and the file if needed and brings the schema up to date; done once, later calls return the same
    /// task. Throws <see cref="StoreException"/>, with one line naming <c>Storage:Path</c>, when the store cannot be used.
    /// </summary>
    public Task OpenAsync(CancellationToken cancellationToken) => opened.Value.WaitAsync(cancellationToken);

    /// <summary>An open connection from the pool, for one call of a feature's store; dispose it to give it back.</summary>
    public async Task<SqliteConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken);
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, ConnectionPragmas, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Waits for this process's turn to write the file (first come, first served); dispose the turn after the write's
    /// connection. Reads need no turn: in WAL mode they never wait for a writer.
    /// </summary>
    public async Task<IDisposable> TakeWriteTurnAsync(CancellationToken cancellationToken)
    {
        await writeTurn.WaitAsync(cancellationToken);
        return new WriteTurn(writeTurn);
    }

    /// <summary>Closes the pooled connections; the last one to close checkpoints the WAL into the file.</summary>
    public void Dispose() => SqliteConnection.ClearPool(new SqliteConnection(connectionString));

    private async Task OpenOnceAsync()
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"{Key}: cannot create the folder '{folder}' ({OneLine(ex.Message)})", ex);
        }

        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await ExecuteAsync(connection, ConnectionPragmas, CancellationToken.None);

            // SQLite opens a file it may not write read-only, without a word: refuse it here rather than at the first /lang.
            if (raw.sqlite3_db_readonly(connection.Handle, "main") == 1)
            {
                throw new StoreException($"{Key}: '{File}' is read-only; the bot's user must be able to write it and its folder");
            }

            var found = await VersionAsync(connection, transaction: null);
            if (found > LatestVersion)
            {
                throw new StoreException(
                    $"{Key}: '{File}' has schema version {found}, newer than this build knows ({LatestVersion}); run the newer TreatyBot that wrote it, or point {Key} at another folder");
            }

            if (await ScalarAsync(connection, "PRAGMA journal_mode = WAL", transaction: null) is not "wal")
            {
                throw new StoreException($"{Key}: '{File}' cannot be switched to WAL mode; put it on a local file system");
            }

            foreach (var migration in migrations.Where(m => m.Version > found))
            {
                await ApplyAsync(connection, migration);
            }

            if (found == LatestVersion)
            {
                LogOpened(File, found);
            }
            else
            {
                LogMigrated(File, found, LatestVersion);
            }
        }
        catch (SqliteException ex)
        {
            throw new StoreException($"{Key}: cannot use '{File}' ({OneLine(ex.Message)}); is the folder writable, and the file a TreatyBot database?", ex);
        }
    }

    /// <summary>One step in one transaction (BEGIN IMMEDIATE: the write lock first), skipped if another process applied it meanwhile.</summary>
    private static async Task ApplyAsync(SqliteConnection connection, Migration migration)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        if (await VersionAsync(connection, transaction) >= migration.Version)
        {
            return;
        }

        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = migration.Sql + string.Create(CultureInfo.InvariantCulture, $";\nPRAGMA user_version = {migration.Version};");
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private static async Task<int> VersionAsync(SqliteConnection connection, SqliteTransaction? transaction) =>
        Convert.ToInt32(await ScalarAsync(connection, "PRAGMA user_version", transaction), CultureInfo.InvariantCulture);

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, SqliteTransaction? transaction)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Gives the turn back once, however often it is disposed.</summary>
    private sealed class WriteTurn(SemaphoreSlim turn) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                turn.Release();
            }
        }
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [LoggerMessage(Level = LogLevel.Information, Message = "Store {File} opened (schema version {Version})")]
    private partial void LogOpened(string file, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Store {File} brought from schema version {Found} to {Version}")]
    private partial void LogMigrated(string file, int found, int version);
}
