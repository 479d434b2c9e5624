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

    public string ResolvePath()
    {
        if (!string.IsNullOrWhiteSpace(Path))
        {
            return System.IO.Path.GetFullPath(Path);
        }

        var local = System.IO.Path.GetFullPath("responses");
        return Directory.Exists(local) ? local : System.IO.Path.Combine(AppContext.BaseDirectory, "responses");
    }
}

/// <summary>A <c>Knowledge:Path</c> that names no folder stops the start with one line naming the key.</summary>
internal sealed class KnowledgeOptionsValidator : IValidateOptions<KnowledgeOptions>
{
    public ValidateOptionsResult Validate(string? name, KnowledgeOptions options)
    {
        var folder = options.ResolvePath();
        return Directory.Exists(folder)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{KnowledgeOptions.Section}:{nameof(KnowledgeOptions.Path)}: the folder '{folder}' does not exist");
    }
}
