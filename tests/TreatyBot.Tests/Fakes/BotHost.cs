using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TreatyBot.Hosting;

namespace TreatyBot.Tests.Fakes;

/// <summary>The real bot host, configured to talk to a <see cref="FakeBotApi"/> on loopback (and on a fake clock, if given).</summary>
public sealed class BotHost : IAsyncDisposable
{
    private readonly IHost host;

    private BotHost(IHost host)
    {
        this.host = host;
    }

    public IServiceProvider Services => host.Services;

    public static async Task<BotHost> StartAsync(
        FakeBotApi api,
        IDictionary<string, string?>? settings = null,
        ILoggerProvider? logs = null,
        string? responses = null,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Test",
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bot:Token"] = api.Token,
            ["Bot:ApiBaseUrl"] = api.BaseUrl.ToString(),
            ["Bot:PollTimeoutSeconds"] = "2",
            ["Knowledge:Path"] = responses ?? TestPaths.Responses,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            builder.Logging.AddProvider(logs);
        }

        builder.AddTreatyBot();
        if (time is not null)
        {
            // The last registration wins: every part of the bot that takes a TimeProvider gets this one.
            builder.Services.AddSingleton(time);
        }

        var host = builder.Build();
        await host.StartAsync();
        return new BotHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await host.StopAsync(timeout.Token);
        host.Dispose();
    }
}
