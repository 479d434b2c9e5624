using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace TreatyBot.Tests.Deploy;

/// <summary>
/// The deploy files as an operator would use them. The Kubernetes manifests, one folder per mode: every file is valid
/// YAML, no two objects share a kind and name, both modes run one image, the poller stays a single replica on its
/// SQLite file, the webhook replicas share a Redis that keeps its data, and every setting they give the bot is one the
/// READMEs document. The compose files: DeployFileTests.Compose.cs. (CI also renders the manifests with kubectl
/// kustomize and checks the systemd unit and the compose files with their own tools.)
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
    public void WebhookDeployment_SeveralReplicas_ShareTheRedisOfTheKustomization()
    {
        var objects = Objects("webhook").ToList();
        var bot = objects.Single(o => Scalar(o, "kind") == "Deployment");
        var env = Env(bot);

        Assert.True(int.Parse(Scalar(bot, "spec", "replicas")!, CultureInfo.InvariantCulture) >= 2, "webhook mode runs several replicas");
        Assert.Equal("redis", env["Storage__Provider"]);

        // Storage__Redis names the Service in front of the Redis StatefulSet, on the port that Service opens.
        var endpoint = env["Storage__Redis"]!.Split(',')[0].Split(':');
        var service = objects.Single(o => Scalar(o, "kind") == "Service" && Scalar(o, "metadata", "name") == endpoint[0]);
        Assert.Contains(endpoint[1], Sequence(service, "spec", "ports").Select(p => Scalar(p, "port")));
        var redis = objects.Single(o => Scalar(o, "kind") == "StatefulSet");
        Assert.Equal(Labels(redis), Mapping(service, "spec", "selector").Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value, StringComparer.Ordinal));

        // No SQLite file per pod any more: nothing mounted at the store's folder.
        Assert.DoesNotContain(Containers(bot).SelectMany(c => Sequence(c, "volumeMounts")), m => Scalar(m, "mountPath") == "/app/data");
    }

    [Fact]
    public void WebhookDeployment_EnvironmentReferences_AreDefinedAbove()
    {
        // Kubernetes fills $(NAME) in an env value only from variables listed above it; otherwise the text stays as is
        // and the bot would log in to Redis with the password "$(REDIS_PASSWORD)".
        var bot = Objects("webhook").Single(o => Scalar(o, "kind") == "Deployment");
        foreach (var container in Containers(bot))
        {
            var defined = new List<string>();
            foreach (var variable in Sequence(container, "env"))
            {
                foreach (Match reference in ReferencePattern().Matches(Scalar(variable, "value") ?? ""))
                {
                    Assert.Contains(reference.Groups[1].Value, defined);
                }

                defined.Add(Scalar(variable, "name")!);
            }
        }

        Assert.Contains("$(REDIS_PASSWORD)", Env(bot)["Storage__Redis"], StringComparison.Ordinal);
    }

    [Fact]
    public void WebhookRedis_OnePod_KeepsAnAppendOnlyFileOnAClaim()
    {
        var redis = Objects("webhook").Single(o => Scalar(o, "kind") == "StatefulSet");
        var container = Assert.Single(Containers(redis));
        var args = ((YamlSequenceNode)Node(container, "args")!).Cast<YamlScalarNode>().Select(a => a.Value).ToList();

        Assert.Equal("1", Scalar(redis, "spec", "replicas"));
        Assert.StartsWith("redis:7", Scalar(container, "image"), StringComparison.Ordinal);
        Assert.Equal("yes", args[args.IndexOf("--appendonly") + 1]);
        Assert.Contains("--requirepass", args);

        // The data folder of the image (/data) is on the StatefulSet's own claim, not on a volume lost with the pod.
        var claim = Assert.Single(Sequence(redis, "spec", "volumeClaimTemplates"));
        var mount = Assert.Single(Sequence(container, "volumeMounts"), m => Scalar(m, "mountPath") == "/data");
        Assert.Equal(Scalar(claim, "metadata", "name"), Scalar(mount, "name"));
    }

    [Fact]
    public void PollingDeployment_OnePoller_StaysOnItsSqliteFile()
    {
        var objects = Objects("polling").ToList();
        var poller = objects.Single(o => Scalar(o, "kind") == "Deployment");
        var env = Env(poller);

        Assert.True(!env.TryGetValue("Storage__Provider", out var provider) || provider == "sqlite", $"the poller uses {provider}");
        Assert.DoesNotContain(env.Keys, k => k.StartsWith("Storage__Redis", StringComparison.Ordinal));
        Assert.DoesNotContain(objects, o => Scalar(o, "kind") == "StatefulSet");
        Assert.Contains(Containers(poller).SelectMany(c => Sequence(c, "volumeMounts")), m => Scalar(m, "mountPath") == env["Storage__Path"]);
    }

    [Fact]
    public void Settings_EveryEnvironmentVariable_IsDocumented()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md")) + File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "deploy", "README.md"));
        var unit = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "deploy", "systemd", "treatybot.service"));
        var settings = Objects("polling").Concat(Objects("webhook")).Where(o => Scalar(o, "kind") == "Deployment").SelectMany(d => Env(d).Keys)
            .Concat(SettingPattern().Matches(unit).Select(m => m.Groups[1].Value))
            .Concat(ComposeSettings())
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

    private static string? Scalar(YamlNode node, params string[] path) => (Node(node, path) as YamlScalarNode)?.Value;

    private static IEnumerable<YamlMappingNode> Containers(YamlMappingNode workload) => Sequence(workload, "spec", "template", "spec", "containers");

    /// <summary>The list at <paramref name="path"/> (its items are mappings); empty when there is none.</summary>
    private static IEnumerable<YamlMappingNode> Sequence(YamlNode node, params string[] path) =>
        Node(node, path) is YamlSequenceNode sequence ? sequence.OfType<YamlMappingNode>() : [];

    private static YamlMappingNode Mapping(YamlNode node, params string[] path) =>
        Node(node, path) as YamlMappingNode ?? throw new InvalidOperationException($"no mapping at {string.Join('.', path)}");

    private static YamlNode? Node(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            node = next;
        }

        return node;
    }

    private static Dictionary<string, string?> Labels(YamlMappingNode workload) =>
        Mapping(workload, "spec", "template", "metadata", "labels").Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value, StringComparer.Ordinal);

    private static List<string?> Images(YamlMappingNode deployment) => [.. Containers(deployment).Select(c => Scalar(c, "image"))];

    private static Dictionary<string, string?> Env(YamlMappingNode deployment) =>
        Containers(deployment).SelectMany(c => Sequence(c, "env")).ToDictionary(e => Scalar(e, "name")!, e => Scalar(e, "value"), StringComparer.Ordinal);

    /// <summary>A bot setting in the systemd unit: <c>Environment=Section__Key=…</c>.</summary>
    [GeneratedRegex(@"^Environment=([A-Za-z]+__[A-Za-z]+)=", RegexOptions.Multiline)]
    private static partial Regex SettingPattern();

    /// <summary>A reference to another variable in a Kubernetes env value: <c>$(NAME)</c>.</summary>
    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex ReferencePattern();

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
