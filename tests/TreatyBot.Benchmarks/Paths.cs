namespace TreatyBot.Benchmarks;

/// <summary>The repository's fact base, found from the benchmark binaries by walking up to Bot.sln.</summary>
internal static class Paths
{
    public static string Responses { get; } = Path.Combine(FindRoot(), "responses");

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
