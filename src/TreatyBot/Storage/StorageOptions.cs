using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace TreatyBot.Storage;

/// <summary>Which store keeps what is shared: one bot's SQLite file, or a Redis server several replicas share.</summary>
internal enum StorageProvider
{
    /// <summary>A SQLite file in <see cref="StorageOptions.Path"/>: one bot process (the default).</summary>
    Sqlite,

    /// <summary>The Redis server of <see cref="StorageOptions.Redis"/>: several webhook replicas behave as one bot.</summary>
    Redis,
}

/// <summary>Where the bot keeps what must survive a restart, and what its replicas share (section <c>Storage</c>).</summary>
internal sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>sqlite</c> (default) or <c>redis</c>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// The folder of the database file (<see cref="SqliteDatabase.FileName"/>, with SQLite's <c>-wal</c> and <c>-shm</c>
    /// files beside it while the bot runs); relative to the working directory. The bot's user must be able to write it.
    /// Used only with <see cref="StorageProvider.Sqlite"/>.
    /// </summary>
    public string Path { get; set; } = "data";

    /// <summary>
    /// With <see cref="StorageProvider.Redis"/>: a StackExchange.Redis connection string, e.g.
    /// <c>redis:6379,password=…,ssl=true</c>. The bot's own short timeouts apply unless the string sets them.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>Every key the bot writes to Redis starts with this and a colon, so that several bots can share one server.</summary>
    public string RedisPrefix { get; set; } = "treatybot";

    public string ResolveFolder() => System.IO.Path.GetFullPath(Path);
}

/// <summary>
/// A <c>Storage:Path</c> that is empty or names a file, or a Redis provider without a usable connection string, stops
/// the start with one line naming the key (never echoing the connection string: it may hold a password).
/// </summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    private const string PathKey = $"{StorageOptions.Section}:{nameof(StorageOptions.Path)}";
    private const string RedisKey = $"{StorageOptions.Section}:{nameof(StorageOptions.Redis)}";
    private const string PrefixKey = $"{StorageOptions.Section}:{nameof(StorageOptions.RedisPrefix)}";

    public ValidateOptionsResult Validate(string? name, StorageOptions options) => options.Provider switch
    {
        StorageProvider.Sqlite => ValidateFolder(options),
        StorageProvider.Redis => ValidateRedis(options),
        _ => ValidateOptionsResult.Fail($"{StorageOptions.Section}:{nameof(StorageOptions.Provider)}: '{options.Provider}' is not a store; use sqlite or redis"),
    };

    private static ValidateOptionsResult ValidateFolder(StorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            return ValidateOptionsResult.Fail($"{PathKey}: empty; name the folder for the bot's data (default: data)");
        }

        string folder;
        try
        {
            folder = options.ResolveFolder();
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return ValidateOptionsResult.Fail($"{PathKey}: not a usable path ({ex.Message})");
        }

        return File.Exists(folder)
            ? ValidateOptionsResult.Fail($"{PathKey}: '{folder}' is a file; name a folder (the bot keeps {SqliteDatabase.FileName} in it)")
            : ValidateOptionsResult.Success;
    }

    private static ValidateOptionsResult ValidateRedis(StorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Redis))
        {
            return ValidateOptionsResult.Fail($"{RedisKey}: empty; with Storage:Provider=redis, give the server's connection string (e.g. redis:6379)");
        }

        if (string.IsNullOrWhiteSpace(options.RedisPrefix) || options.RedisPrefix.Contains(' ', StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Fail($"{PrefixKey}: must be a word without spaces (default: treatybot)");
        }

        try
        {
            var parsed = ConfigurationOptions.Parse(options.Redis);
            return parsed.EndPoints.Count == 0
                ? ValidateOptionsResult.Fail($"{RedisKey}: names no server; give host:port (e.g. redis:6379)")
                : ValidateOptionsResult.Success;
        }
        catch (ArgumentException)
        {
            // The parser's message quotes the string, which may hold a password: name the key only.
            return ValidateOptionsResult.Fail($"{RedisKey}: not a valid StackExchange.Redis connection string");
        }
    }
}
