using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TreatyBot.Hosting;
using TreatyBot.Storage;
using TreatyBot.Tests.Fakes;
using TreatyBot.Tests.Servers;

namespace TreatyBot.Tests.Replicas;

/// <summary>
/// The services of one bot replica on <c>Storage:Provider=redis</c>, wired as the bot wires them but not started: for
/// tests of one shared piece (the send limits, the flood counters) against a real redis-server, several replicas at once.
/// </summary>
public sealed class ReplicaServices : IAsyncDisposable
{
    private readonly IHost host;

    private ReplicaServices(IHost host) => this.host = host;

    public IServiceProvider Services => host.Services;

    public static ReplicaServices Create(RedisServer redis, IDictionary<string, string?>? settings = null, ILoggerProvider? logs = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Test", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bot:Token"] = "123456789:TEST-secret_token_DO_NOT_LOG_abcdefghij",
            ["Bot:ApiBaseUrl"] = "http://127.0.0.1:9",
            ["Knowledge:Path"] = TestPaths.Responses,
            ["Storage:Provider"] = "redis",
            ["Storage:Redis"] = redis.ConnectionString,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.AddTreatyBot();
        return new ReplicaServices(builder.Build());
    }

    public T Get<T>()
        where T : notnull => host.Services.GetRequiredService<T>();

    /// <summary>
    /// Waits until this replica's connection to Redis is up (again) and a command gets its answer. The flag alone is not
    /// enough after a restart: a replica that sent nothing while the server was away may not have heard of the dropped
    /// socket yet (its <c>ConnectionFailed</c> comes later on a busy machine), so the flag still says "up" and the next
    /// command fails over to this replica's memory.
    /// </summary>
    public async Task ConnectedAsync()
    {
        var connection = Get<RedisConnection>();
        await connection.StartAsync();
        await Eventually.UntilAsync(() => connection.IsAvailable, TimeSpan.FromSeconds(30));
        await Eventually.UntilAsync(() => AnswersAsync(connection), TimeSpan.FromSeconds(30));
    }

    private static async Task<bool> AnswersAsync(RedisConnection connection)
    {
        try
        {
            await connection.RunAsync(db => db.KeyExistsAsync(connection.Key("connected")));
            return true;
        }
        catch (Exception ex) when (RedisConnection.IsOutage(ex))
        {
            return false;
        }
    }

    public ValueTask DisposeAsync() => ((IAsyncDisposable)host).DisposeAsync();
}
