using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace TreatyBot.Tests.Deploy;

/// <summary>
/// The compose files: compose.yaml runs one poller on its SQLite file; compose.webhook.yaml runs several webhook
/// replicas that share a Redis keeping its data, behind the Caddy of deploy/Caddyfile, which sends Telegram's POSTs
/// for the webhook address to exactly those replicas.
/// </summary>
public sealed partial class DeployFileTests
{
    private static readonly string DeployFolder = Path.Combine(TestPaths.RepoRoot, "deploy");

    [Fact]
    public void ComposeWebhook_Replicas_ShareTheRedisOfTheFile()
    {
        var services = Services("compose.webhook.yaml");
        var replicas = BotServices(services);

        Assert.True(replicas.Count >= 2, "compose.webhook.yaml runs several replicas");
        foreach (var (name, service) in replicas)
        {
            var env = Environment(service);
            Assert.Equal("webhook", env["Bot__Mode"]);
            Assert.Equal("redis", env["Storage__Provider"]);
            var host = env["Storage__Redis"]!.Split(',')[0].Split(':')[0];
            Assert.True(services.TryGetValue(host, out var redis), $"{name}: Storage__Redis names {host}, not a service of the file");
            Assert.StartsWith("redis:7", Scalar(redis!, "image"), StringComparison.Ordinal);
        }

        // Each replica's management port is its own: two replicas on one host port would not both start.
        var published = replicas.Values.SelectMany(s => Strings(s, "ports")).Select(p => p[..p.LastIndexOf(':')]).ToList();
        Assert.Equal(published.Count, published.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void ComposeWebhook_Redis_KeepsAnAppendOnlyFileOnANamedVolume()
    {
        var file = Load(Path.Combine(DeployFolder, "compose.webhook.yaml")).Single();
        var redis = Services("compose.webhook.yaml").Values.Single(s => Scalar(s, "image")?.StartsWith("redis:", StringComparison.Ordinal) == true);
        var command = Strings(redis, "command");

        Assert.Equal("yes", command[command.IndexOf("--appendonly") + 1]);
        // The image keeps its files in /data: a named volume there outlives `docker compose down` and a new image.
        var volume = Assert.Single(Strings(redis, "volumes"), v => v.EndsWith(":/data", StringComparison.Ordinal)).Split(':')[0];
        Assert.NotNull(Node(file, "volumes", volume));
        Assert.NotEmpty(Strings(Mapping(redis, "healthcheck"), "test"));
    }

    [Fact]
    public void Caddyfile_WebhookAddress_GoesToTheReplicasOfTheComposeFile()
    {
        var caddyfile = File.ReadAllText(Path.Combine(DeployFolder, "Caddyfile"));
        var webhookUrl = new Uri(BotEnvSettings()["Webhook__Url"]);
        var site = CaddySitePattern().Match(caddyfile);
        var proxy = CaddyProxyPattern().Match(caddyfile);

        Assert.True(site.Success && proxy.Success, "the Caddyfile has a site with one reverse_proxy");
        Assert.Equal(webhookUrl.Host, site.Groups[1].Value);
        Assert.Equal(webhookUrl.AbsolutePath, proxy.Groups[1].Value);
        var upstreams = proxy.Groups[2].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal);
        Assert.Equal(BotServices(Services("compose.webhook.yaml")).Keys.Select(n => n + ":8080").Order(StringComparer.Ordinal), upstreams);
    }

    [Fact]
    public void ComposePolling_OneBot_StaysOnItsSqliteFile()
    {
        var services = Services("compose.yaml");
        var bot = Assert.Single(BotServices(services)).Value;

        Assert.Single(services);
        Assert.DoesNotContain("Storage__Provider", Environment(bot).Keys);
        Assert.Contains(Strings(bot, "volumes"), v => v.EndsWith(":/app/data", StringComparison.Ordinal));

        // bot.env is read by both files: it must not switch the poller to Redis, yet it names the keys for webhook mode.
        var example = File.ReadAllLines(Path.Combine(DeployFolder, "bot.env.example"));
        Assert.DoesNotContain(example, l => l.StartsWith("Storage__", StringComparison.Ordinal));
        Assert.Equal(["Storage__Provider", "Storage__Redis", "Storage__RedisPrefix"], BotEnvSettings().Keys.Where(k => k.StartsWith("Storage__", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    /// <summary>Every bot setting the compose files and bot.env.example give (commented ones too).</summary>
    private static IEnumerable<string> ComposeSettings() =>
        Services("compose.yaml").Values.Concat(Services("compose.webhook.yaml").Values).SelectMany(s => Environment(s).Keys)
            .Where(k => k.Contains("__", StringComparison.Ordinal))
            .Concat(BotEnvSettings().Keys);

    /// <summary>The services of a compose file, with YAML merge keys (<c>&lt;&lt;: *anchor</c>) applied.</summary>
    private static Dictionary<string, YamlMappingNode> Services(string file) =>
        Mapping(Load(Path.Combine(DeployFolder, file)).Single(), "services").Children
            .ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => Merged((YamlMappingNode)c.Value), StringComparer.Ordinal);

    private static YamlMappingNode Merged(YamlMappingNode service)
    {
        var merged = new YamlMappingNode();
        if (service.Children.TryGetValue(new YamlScalarNode("<<"), out var template))
        {
            foreach (var (key, value) in ((YamlMappingNode)template).Children)
            {
                merged.Children[key] = value;
            }
        }

        foreach (var (key, value) in service.Children.Where(c => ((YamlScalarNode)c.Key).Value != "<<"))
        {
            merged.Children[key] = value;
        }

        return merged;
    }

    /// <summary>The services that run the bot: those built from deploy/Dockerfile.</summary>
    private static Dictionary<string, YamlMappingNode> BotServices(Dictionary<string, YamlMappingNode> services) =>
        services.Where(s => Scalar(s.Value, "build", "dockerfile") == "deploy/Dockerfile").ToDictionary(StringComparer.Ordinal);

    /// <summary>A service's <c>environment</c>, given as a mapping or as a list of <c>KEY=value</c>.</summary>
    private static Dictionary<string, string?> Environment(YamlMappingNode service) => Node(service, "environment") switch
    {
        YamlMappingNode map => map.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value, StringComparer.Ordinal),
        YamlSequenceNode list => list.Cast<YamlScalarNode>().Select(e => e.Value!.Split('=', 2)).ToDictionary(p => p[0], p => p.ElementAtOrDefault(1), StringComparer.Ordinal),
        _ => [],
    };

    /// <summary>A list of plain values (ports, volumes, a command), or a one-line value as its only item.</summary>
    private static List<string> Strings(YamlNode node, string key) => Node(node, key) switch
    {
        YamlSequenceNode list => [.. list.Cast<YamlScalarNode>().Select(s => s.Value!)],
        YamlScalarNode one => [one.Value!],
        _ => [],
    };

    /// <summary>The settings bot.env.example gives or shows commented out (<c># Key__Name=value</c>), with their values.</summary>
    private static Dictionary<string, string> BotEnvSettings() =>
        File.ReadAllLines(Path.Combine(DeployFolder, "bot.env.example")).Select(l => EnvLinePattern().Match(l)).Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);

    [GeneratedRegex(@"^(?:# )?([A-Za-z]+__[A-Za-z]+)=(.*)$")]
    private static partial Regex EnvLinePattern();

    /// <summary>The Caddyfile's site address: the first line that opens a block at the left margin.</summary>
    [GeneratedRegex(@"^([a-z0-9.-]+) \{$", RegexOptions.Multiline)]
    private static partial Regex CaddySitePattern();

    /// <summary>The one path handed to the replicas, and their addresses: <c>handle PATH { reverse_proxy UPSTREAMS {</c>.</summary>
    [GeneratedRegex(@"handle (/\S+) \{\s*(?:#[^\n]*\n\s*)*reverse_proxy ([^{\n]+) \{")]
    private static partial Regex CaddyProxyPattern();
}
