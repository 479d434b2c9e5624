using Microsoft.Extensions.Options;

namespace TreatyBot.KnowledgeBase;

/// <summary>Where the fact base lives (section <c>Knowledge</c>).</summary>
internal sealed class KnowledgeOptions
{
    public const string Section = "Knowledge";

    /// <summary>
    /// The <c>responses/</c> folder. Empty: <c>./responses</c> when the current directory has one (a checkout, so
    /// edits are picked up), else the copy next to the executable.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>
    /// Where the classifier keeps the weights it learned, so that the next start with the same facts and examples reads
    /// them instead of learning them again (a third of a second). Empty: systemd's <c>CACHE_DIRECTORY</c>
    /// (<c>CacheDirectory=</c>), else <c>$XDG_CACHE_HOME/treatybot</c>, else <c>~/.cache/treatybot</c>; <c>none</c>: nowhere.
    /// A folder that cannot be written is only a slower start.
    /// </summary>
    public string? Cache { get; set; }

    public string ResolvePath()
    {
        if (!string.IsNullOrWhiteSpace(Path))
        {
            return System.IO.Path.GetFullPath(Path);
        }

        var local = System.IO.Path.GetFullPath("responses");
        return Directory.Exists(local) ? local : System.IO.Path.Combine(AppContext.BaseDirectory, "responses");
    }

    /// <summary>The cache folder <see cref="Cache"/> names, or null for none.</summary>
    public string? ResolveCache()
    {
        if (string.Equals(Cache, "none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(Cache))
        {
            return System.IO.Path.GetFullPath(Cache);
        }

        if (Environment.GetEnvironmentVariable("CACHE_DIRECTORY") is { Length: > 0 } systemd)
        {
            return systemd.Split(':')[0];
        }

        // The XDG spec: a relative XDG_CACHE_HOME is to be ignored.
        var home = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg && System.IO.Path.IsPathRooted(xdg)
            ? xdg
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } user ? System.IO.Path.Combine(user, ".cache") : null;
        return home is null ? null : System.IO.Path.Combine(home, "treatybot");
    }
}

/// <summary>A <c>Knowledge:Path</c> that names no folder stops the start with one line naming the key.</summary>
internal sealed class KnowledgeOptionsValidator : IValidateOptions<KnowledgeOptions>
{
    public ValidateOptionsResult Validate(string? name, KnowledgeOptions options)
    {
        var folder = options.ResolvePath();
        if (!Directory.Exists(folder))
        {
            return ValidateOptionsResult.Fail($"{KnowledgeOptions.Section}:{nameof(KnowledgeOptions.Path)}: the folder '{folder}' does not exist");
        }

        try
        {
            _ = options.ResolveCache();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException)
        {
            return ValidateOptionsResult.Fail($"{KnowledgeOptions.Section}:{nameof(KnowledgeOptions.Cache)}: '{options.Cache}' is not a folder's path");
        }
    }
}
