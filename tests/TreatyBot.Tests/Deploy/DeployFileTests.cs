using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace TreatyBot.Tests.Deploy;

/// <summary>
/// The Kubernetes manifests as an operator would apply them, one folder per mode: every file is valid YAML, no two
/// objects share a kind and name, both modes run one image, the poller stays a single replica, and every setting they
/// give the bot is one the READMEs document. (CI also renders them with kubectl kustomize and checks the systemd unit
/// and the compose file with their own tools.)
/// </summary>
public sealed partial class DeployFileTests
{
    private static readonly string K8s = Path.Combine(TestPaths.RepoRoot, "deploy", "k8s");

    [Theory]
    [InlineData("polling")]
    [InlineData("webhook")]
    public void Kustomization_EachMode_ListsFilesWhoseObjectsAreUnique(string mode)
    {
        var objects = Objects(mode).ToList();

        Assert.NotEmpty(objects);
        var names = objects.Select(o => $"{Scalar(o, "kind")}/{Scalar(o, "metadata", "name")}").ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Single(objects, o => Scalar(o, "kind") == "Deployment");
    }

    [Fact]
    public void Deployments_BothModes_RunOneImageAndThePollerOnce()
    {
        var polling = Objects("polling").Single(o => Scalar(o, "kind") == "Deployment");
        var webhook = Objects("webhook").Single(o => Scalar(o, "kind") == "Deployment");

        Assert.Equal(Images(webhook), Images(polling));
        Assert.Equal("1", Scalar(polling, "spec", "replicas"));
        Assert.Equal("Recreate", Scalar(polling, "spec", "strategy", "type"));
        Assert.Equal("polling", Env(polling)["Bot__Mode"]);
        Assert.Equal("webhook", Env(webhook)["Bot__Mode"]);
    }

    [Fact]
    public void Settings_EveryEnvironmentVariable_IsDocumented()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md")) + File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "deploy", "README.md"));
        var unit = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "deploy", "systemd", "treatybot.service"));
        var settings = Objects("polling").Concat(Objects("webhook")).Where(o => Scalar(o, "kind") == "Deployment").SelectMany(d => Env(d).Keys)
            .Concat(SettingPattern().Matches(unit).Select(m => m.Groups[1].Value))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(settings);
        var undocumented = settings.Where(s => !readme.Contains(s, StringComparison.Ordinal) && !readme.Contains(s.Replace("__", ":", StringComparison.Ordinal), StringComparison.Ordinal)).ToList();
        Assert.True(undocumented.Count == 0, "not in README.md or deploy/README.md: " + string.Join(", ", undocumented));
    }

    [Fact]
    public void K8sFolder_Itself_HoldsNoManifest()
    {
        // `kubectl apply -f deploy/k8s/` must not start a mode by accident: every manifest sits in a mode's folder.
        Assert.Empty(Directory.GetFiles(K8s, "*.yaml"));
        Assert.Empty(Directory.GetFiles(K8s, "*.yml"));
    }

    private static IEnumerable<YamlMappingNode> Objects(string mode)
    {
        var folder = Path.Combine(K8s, mode);
        var kustomization = Load(Path.Combine(folder, "kustomization.yaml")).Single();
        foreach (var resource in ((YamlSequenceNode)kustomization.Children[new YamlScalarNode("resources")]).Cast<YamlScalarNode>())
        {
            foreach (var document in Load(Path.Combine(folder, resource.Value!)))
            {
                yield return document;
            }
        }
    }

    private static List<YamlMappingNode> Load(string path)
    {
        var stream = new YamlStream();
        using var reader = File.OpenText(path);
        stream.Load(reader);
        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    private static string? Scalar(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            node = next;
        }

        return (node as YamlScalarNode)?.Value;
    }

    private static IEnumerable<YamlMappingNode> Containers(YamlMappingNode deployment) =>
        ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)deployment["spec"])["template"])["spec"])["containers"]).Cast<YamlMappingNode>();

    private static List<string?> Images(YamlMappingNode deployment) => [.. Containers(deployment).Select(c => Scalar(c, "image"))];

    private static Dictionary<string, string?> Env(YamlMappingNode deployment) =>
        Containers(deployment)
            .SelectMany(c => c.Children.TryGetValue(new YamlScalarNode("env"), out var env) ? ((YamlSequenceNode)env).Cast<YamlMappingNode>() : [])
            .ToDictionary(e => Scalar(e, "name")!, e => Scalar(e, "value"), StringComparer.Ordinal);

    /// <summary>A bot setting in the systemd unit: <c>Environment=Section__Key=…</c>.</summary>
    [GeneratedRegex(@"^Environment=([A-Za-z]+__[A-Za-z]+)=", RegexOptions.Multiline)]
    private static partial Regex SettingPattern();

    [Fact]
    public void Dockerfile_RuntimeImage_CarriesTheTimeZoneDatabase()
    {
        // /subscribe takes IANA zones; with invariant globalization .NET reads them from /usr/share/zoneinfo. The
        // Debian and Ubuntu images of .NET ship tzdata; chiseled, distroless and Alpine ones do not (unless -extra).
        var dockerfile = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "deploy", "Dockerfile"));
        var final = dockerfile[dockerfile.LastIndexOf("\nFROM ", StringComparison.Ordinal)..].Split('\n')[1];

        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:", final, StringComparison.Ordinal);
        Assert.True(
            !(final.Contains("chiseled", StringComparison.Ordinal) || final.Contains("alpine", StringComparison.Ordinal) || final.Contains("distroless", StringComparison.Ordinal))
            || final.Contains("-extra", StringComparison.Ordinal) || dockerfile.Contains("tzdata", StringComparison.Ordinal),
            $"the runtime image ({final}) has no tzdata: install it, or take the -extra variant");
    }
}
