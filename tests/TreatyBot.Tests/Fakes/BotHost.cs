using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TreatyBot.Hosting;

namespace TreatyBot.Tests.Fakes;

/// <summary>
/// The real bot host, configured to talk to a <see cref="FakeBotApi"/> on loopback (and on a fake clock, if given),
/// with its store in a temporary folder of its own (deleted on dispose) unless the settings name one.
/// </summary>
public sealed class BotHost : IAsyncDisposable
{
    private readonly IHost host;
    private readonly TemporaryFolder data;

    private BotHost(IHost host, TemporaryFolder data)
    {
        this.host = host;
        this.data = data;
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
        var data = TemporaryFolder.Create("store-");
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
            ["Knowledge:Cache"] = TestPaths.CacheFor(responses ?? TestPaths.Responses),
            ["Storage:Path"] = data.Path,

            // On a fake clock a test moves time to the bot's next wait: the curation pruner's, every 6 hours, is not
            // one a test means unless it is about curation (it turns it on).
            ["Curation:Enabled"] = time is null ? "true" : "false",
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
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            data.Dispose();
            throw;
        }

        return new BotHost(host, data);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await host.StopAsync(timeout.Token);
        host.Dispose();
        data.Dispose();
    }
}
