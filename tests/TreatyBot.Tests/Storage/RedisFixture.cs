using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TreatyBot.Storage;
using TreatyBot.Tests.Servers;

namespace TreatyBot.Tests.Storage;

/// <summary>A real redis-server for a test class; each test keeps to keys of its own prefix (<see cref="Connect"/>).</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private RedisServer? server;

    public RedisServer Server => server ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync() => server = await RedisServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>A new prefix, so that a test sees none of another's keys.</summary>
    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A connection as a bot replica makes it, to this server under <paramref name="prefix"/>.</summary>
    internal RedisConnection Connect(string prefix, ILoggerProvider? logs = null) => new(
        Options.Create(new StorageOptions { Provider = StorageProvider.Redis, Redis = Server.ConnectionString, RedisPrefix = prefix }),
        logs is null ? NullLogger<RedisConnection>.Instance : new Logger<RedisConnection>(new LoggerFactory([logs])));
}
