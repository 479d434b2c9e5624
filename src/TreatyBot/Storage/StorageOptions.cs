using Microsoft.Extensions.Options;

namespace TreatyBot.Storage;

/// <summary>Where the bot keeps what must survive a restart (section <c>Storage</c>).</summary>
internal sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>
    /// The folder of the database file (<see cref="SqliteDatabase.FileName"/>, with SQLite's <c>-wal</c> and <c>-shm</c>
    /// files beside it while the bot runs); relative to the working directory. The bot's user must be able to write it.
    /// </summary>
    public string Path { get; set; } = "data";

    public string ResolveFolder() => System.IO.Path.GetFullPath(Path);
}

/// <summary>A <c>Storage:Path</c> that is empty or names a file stops the start with one line naming the key.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    private const string Key = $"{StorageOptions.Section}:{nameof(StorageOptions.Path)}";

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            return ValidateOptionsResult.Fail($"{Key}: empty; name the folder for the bot's data (default: data)");
        }

        string folder;
        try
        {
            folder = options.ResolveFolder();
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return ValidateOptionsResult.Fail($"{Key}: not a usable path ({ex.Message})");
        }

        return File.Exists(folder)
            ? ValidateOptionsResult.Fail($"{Key}: '{folder}' is a file; name a folder (the bot keeps {SqliteDatabase.FileName} in it)")
            : ValidateOptionsResult.Success;
    }
}
