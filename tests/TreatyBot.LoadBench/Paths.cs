namespace TreatyBot.LoadBench;

/// <summary>Where the repository's files are, found from the harness binaries by walking up to Bot.sln.</summary>
public static class Paths
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Responses => Path.Combine(RepoRoot, "responses");

    /// <summary>Release or Debug: the configuration the harness (and so the bot beside it) was built in.</summary>
    public static string Configuration => FrameworkFolder.Parent!.Name;

    /// <summary>The bot's own build output in the harness's configuration, run with <c>dotnet</c> as a child process.</summary>
    public static string BotAssembly => Path.Combine(RepoRoot, "src", "TreatyBot", "bin", Configuration, FrameworkFolder.Name, "TreatyBot.dll");

    private static DirectoryInfo FrameworkFolder => new(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));

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
