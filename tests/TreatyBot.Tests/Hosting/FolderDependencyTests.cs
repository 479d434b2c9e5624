using System.Text.RegularExpressions;

namespace TreatyBot.Tests.Hosting;

/// <summary>
/// The executable's folders (one namespace each) depend on each other one way only, so each can be read without the
/// ones above it: Hosting wires everything; Rendering, the one place that writes Telegram HTML, needs none of the others.
/// </summary>
public sealed partial class FolderDependencyTests
{
    private static readonly string Source = Path.Combine(TestPaths.RepoRoot, "src", "TreatyBot");

    [Fact]
    public void FoldersOfTheExecutable_HaveNoDependencyCycle()
    {
        var graph = Dependencies();
        Assert.True(graph.Count >= 6, $"expected the executable's folders, found {string.Join(", ", graph.Keys)}");
        foreach (var folder in graph.Keys)
        {
            var path = CycleFrom(folder, graph, []);
            Assert.True(path is null, $"folder cycle: {string.Join(" → ", path ?? [])}");
        }
    }

    [Fact]
    public void Rendering_DependsOnNoOtherFolder_AndNothingDependsOnHosting()
    {
        var graph = Dependencies();
        Assert.Empty(graph["Rendering"]);
        Assert.DoesNotContain(graph, pair => pair.Key != "Hosting" && pair.Value.Contains("Hosting"));
    }

    /// <summary>For each folder, the other folders its files name (<c>using TreatyBot.X;</c> or <c>X.Type</c>).</summary>
    private static Dictionary<string, HashSet<string>> Dependencies()
    {
        var folders = Directory.GetDirectories(Source).Select(Path.GetFileName).OfType<string>()
            .Where(name => name is not ("bin" or "obj")).ToHashSet(StringComparer.Ordinal);
        return folders.ToDictionary(
            folder => folder,
            folder => Directory.EnumerateFiles(Path.Combine(Source, folder), "*.cs", SearchOption.AllDirectories)
                .SelectMany(file => Named().Matches(File.ReadAllText(file)).Select(m => m.Groups["folder"].Value))
                .Where(name => name != folder && folders.Contains(name))
                .ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    private static List<string>? CycleFrom(string folder, Dictionary<string, HashSet<string>> graph, List<string> path)
    {
        if (path.Contains(folder))
        {
            return [.. path, folder];
        }

        foreach (var next in graph[folder])
        {
            if (CycleFrom(next, graph, [.. path, folder]) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    [GeneratedRegex(@"(?:^using TreatyBot\.(?<folder>\w+);|\bTreatyBot\.(?<folder>\w+)\.\w)", RegexOptions.Multiline)]
    private static partial Regex Named();
}
