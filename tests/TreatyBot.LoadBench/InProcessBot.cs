using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TreatyBot.Hosting;
using TreatyBot.Receiving;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.LoadBench;

/// <summary>Which update handler the host gets: the bot itself, or the echo baseline.</summary>
public enum HandlerKind
{
    Treaty,
    Echo,
}

/// <summary>The real bot host (<see cref="TreatyBotHostExtensions.AddTreatyBot"/>) in this process, polling the fake.</summary>
public static class InProcessBot
{
    private const string StoragePath = "Storage:Path";

    /// <summary>
    /// Starts the host and returns once it polls; from then on the fake only raises calls, it does not keep them.
    /// Logging is off, for the echo and the bot alike.
    /// </summary>
    public static async Task<IHost> StartAsync(FakeBotApi api, BenchSettings settings, HandlerKind kind)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(settings);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.BotConfiguration(api));

        // The store in a folder of its own, deleted by StopAsync.
        builder.Configuration[StoragePath] = Directory.CreateTempSubdirectory("treatybot-bench-").FullName;
        builder.Logging.ClearProviders();
        builder.AddTreatyBot();
        if (kind == HandlerKind.Echo)
        {
            builder.Services.Replace(ServiceDescriptor.Singleton<IBotUpdateHandler, EchoHandler>());
        }

        var host = builder.Build();
        await host.StartAsync();
        await api.WaitForAsync("getUpdates", 1, TimeSpan.FromSeconds(30));
        api.KeepCalls = false;
        return host;
    }

    public static async Task StopAsync(IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await host.StopAsync(timeout.Token);
        var storage = host.Services.GetRequiredService<IConfiguration>()[StoragePath];
        host.Dispose();
        if (storage is not null && Directory.Exists(storage))
        {
            Directory.Delete(storage, recursive: true);
        }
    }
}
