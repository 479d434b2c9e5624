using System.Reflection;
using System.Text.Json;
using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Tests.Knowledge;

/// <summary>
/// The knowledge part knows nothing of Telegram, in the built assemblies as in the project files: neither the library
/// nor these tests of it can reach Telegram.Bot or the bot executable.
/// </summary>
public sealed class BoundaryTests
{
    [Fact]
    public void KnowledgeLibrary_AndEverythingItReferences_HasNoTelegramAssembly()
    {
        var reached = References(typeof(FactBase).Assembly);

        Assert.Contains("YamlDotNet", reached);
        Assert.DoesNotContain(reached, name => name.StartsWith("Telegram", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("TreatyBot", reached);
    }

    [Fact]
    public void TheseTests_DependOnNeitherTelegramNorTheBot()
    {
        // The dependency manifest lists every package and project this test run can load, used in code or not.
        var manifest = Path.Combine(AppContext.BaseDirectory, typeof(BoundaryTests).Assembly.GetName().Name + ".deps.json");
        using var deps = JsonDocument.Parse(File.ReadAllText(manifest));
        var libraries = deps.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name.Split('/')[0]).ToList();

        Assert.Contains("TreatyBot.Knowledge", libraries);
        Assert.DoesNotContain(libraries, name => name.StartsWith("Telegram", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("TreatyBot", libraries);
    }

    /// <summary>The names of the assemblies <paramref name="root"/> references, directly or through others (the runtime's own are not followed).</summary>
    private static HashSet<string> References(Assembly root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var next = new Queue<Assembly>([root]);
        while (next.TryDequeue(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name is not { } name || !seen.Add(name) || IsRuntime(name))
                {
                    continue;
                }

                next.Enqueue(Assembly.Load(reference));
            }
        }

        return seen;
    }

    private static bool IsRuntime(string name) =>
        name is "mscorlib" or "netstandard" || name.StartsWith("System", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal);
}
