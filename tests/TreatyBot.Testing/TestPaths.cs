namespace TreatyBot.Tests;

/// <summary>Where the repository's files are, found from the test binaries by walking up to Bot.sln.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Responses => Path.Combine(RepoRoot, "responses");

    /// <summary>
    /// The Knowledge:Cache setting for a bot on <paramref name="responses"/>: the default cache for the repository's fact
    /// base, none for an edited copy. A copy's weights written to the shared cache (3 files a kind) would push out the
    /// repository's, and every bot started after that would learn them again.
    /// </summary>
    public static string? CacheFor(string responses) => responses == Responses ? null : "none";

    /// <summary>The bot's own build output (same configuration as the tests), with its own dependency manifest.</summary>
    public static string BotAssembly
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = framework.Parent!.Name;
            return Path.Combine(RepoRoot, "src", "TreatyBot", "bin", configuration, framework.Name, "TreatyBot.dll");
        }
    }

    public static string SharedEval => Path.Combine(RepoRoot, "..", "shared", "eval", "questions.tsv");

    /// <summary>The question bank written blind: its tuning part, and the folder of held-out rounds.</summary>
    public static string TuningSet => Path.Combine(RepoRoot, "tests", "questions", "tuning.tsv");

    public static string HeldOut => Path.Combine(RepoRoot, "tests", "questions", "heldout");

    /// <summary>The facts' texts as the bank's expects and verdicts were last checked against them.</summary>
    public static string CheckedFacts => Path.Combine(RepoRoot, "tests", "questions", "checked-facts.tsv");

    /// <summary>The curated fact list the fact base answers (read-only, beside the repository).</summary>
    public static string SharedFacts => Path.Combine(RepoRoot, "..", "shared", "FACTS.md");

    /// <summary>A file of the test project's Data folder, as copied beside the test binaries.</summary>
    public static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    /// <summary>A fresh copy of responses/ in a temporary folder, for tests that edit or break it; deleted on dispose.</summary>
    public static TemporaryFolder CopyOfResponses()
    {
        var copy = TemporaryFolder.Create();
        foreach (var file in Directory.GetFiles(Responses, "*", SearchOption.AllDirectories))
        {
            var destination = System.IO.Path.Combine(copy.Path, System.IO.Path.GetRelativePath(Responses, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return copy;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Bot.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>
/// A folder of its own right in the temporary folder (treatybot-tests-…), deleted with everything in it when
/// disposed; no shared parent folder is left behind.
/// </summary>
public sealed class TemporaryFolder : IDisposable
{
    private TemporaryFolder(string path) => Path = path;

    public string Path { get; }

    public static TemporaryFolder Create(string prefix = "")
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "treatybot-tests-" + prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return new TemporaryFolder(path);
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
