using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace TreatyBot.Storage;

/// <summary>
/// The bot's one connection to the Redis server of <c>Storage:Redis</c>, shared by every feature's store. It never
/// blocks the start or a reply on a dead server: it connects in the background and keeps trying, a command sent while
/// the server is away fails at once (no backlog), and one that gets no answer fails after <see cref="DefaultTimeout"/>.
/// Losing and regaining the server is logged once each; <see cref="Restored"/> lets features catch up what they kept in
/// memory meanwhile. Keys are <c>{Storage:RedisPrefix}:{name}</c> (<see cref="Key"/>).
/// </summary>
internal sealed partial class RedisConnection : IAsyncDisposable
{
    /// <summary>How long a command or a connection attempt may take unless the connection string says otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMilliseconds(500);

    private readonly ConfigurationOptions configuration;
    private readonly string prefix;
    private readonly ILogger logger;
    private readonly Lazy<Task<ConnectionMultiplexer>> multiplexer;
    private int available = 1;

    public RedisConnection(IOptions<StorageOptions> options, ILogger<RedisConnection> logger)
    {
        var settings = options.Value;
        var connectionString = settings.Redis ?? throw new InvalidOperationException("Storage:Redis is not set");
        configuration = Configure(connectionString);
        prefix = settings.RedisPrefix + ":";
        this.logger = logger;
        multiplexer = new(ConnectAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The server came back after being away: what was kept in memory meanwhile can be written now.</summary>
    public event Action? Restored;

    /// <summary>Whether the server answers now (as far as the connection knows); false before the first connection.</summary>
    public bool IsAvailable => multiplexer.IsValueCreated && multiplexer.Value.IsCompletedSuccessfully
        && multiplexer.Value.Result.IsConnected && Volatile.Read(ref available) == 1;

    /// <summary>The full name of one of the bot's keys.</summary>
    public RedisKey Key(string name) => prefix + name;

    /// <summary>The full name of a pub/sub channel of the bot's.</summary>
    public RedisChannel Channel(string name) => RedisChannel.Literal(prefix + name);

    /// <summary>The database to send commands to; the first call starts the connection (it does not wait for the server).</summary>
    public async Task<IDatabase> DatabaseAsync() => (await multiplexer.Value).GetDatabase();

    /// <summary>The pub/sub side of the connection.</summary>
    public async Task<ISubscriber> SubscriberAsync() => (await multiplexer.Value).GetSubscriber();

    /// <summary>Starts connecting now rather than at the first command (the bot calls it at start; it never throws).</summary>
    public Task StartAsync() => multiplexer.Value;

    public async ValueTask DisposeAsync()
    {
        if (multiplexer.IsValueCreated && multiplexer.Value.IsCompletedSuccessfully)
        {
            await multiplexer.Value.Result.DisposeAsync();
        }
    }

    /// <summary>
    /// Notes that a command failed for want of the server (the connection may not have noticed yet): logged once, and
    /// <see cref="IsAvailable"/> is false until the connection is restored.
    /// </summary>
    public void Failed(Exception exception)
    {
        if (Interlocked.Exchange(ref available, 0) == 1)
        {
            LogUnavailable(Describe(exception));
        }
    }

    /// <summary>
    /// Notes that a command got its answer. After <see cref="Failed"/> without a dropped connection (a server still
    /// loading its data after a restart, a timeout), no reconnection would say the server is back: this does, once.
    /// </summary>
    public void Succeeded()
    {
        if (Volatile.Read(ref available) == 0 && Interlocked.Exchange(ref available, 1) == 0)
        {
            LogRestored();
            Restored?.Invoke();
        }
    }

    /// <summary>Whether an exception means the server is away or too slow (as opposed to a bug or a bad command).</summary>
    public static bool IsOutage(Exception exception) =>
        exception is RedisConnectionException or RedisTimeoutException or ObjectDisposedException
        || (exception is RedisServerException server && (server.Message.StartsWith("LOADING", StringComparison.Ordinal) || server.Message.StartsWith("BUSY", StringComparison.Ordinal)));

    /// <summary>An outage in one line for a warning: the exception's type and the first line of its message, no stack trace.</summary>
    public static string Describe(Exception exception) => exception.GetType().Name + ": " + exception.Message.Split('\n')[0];

    private static ConfigurationOptions Configure(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ClientName ??= "treatybot";
        var timeout = (int)DefaultTimeout.TotalMilliseconds;
        if (!Sets(connectionString, "connectTimeout"))
        {
            options.ConnectTimeout = timeout * 4;
        }

        if (!Sets(connectionString, "syncTimeout"))
        {
            options.SyncTimeout = timeout;
        }

        if (!Sets(connectionString, "asyncTimeout"))
        {
            options.AsyncTimeout = timeout;
        }

        // Reconnects every second at most, so a server back from a restart is used again within about a second.
        options.ReconnectRetryPolicy ??= new LinearRetry(1000);
        return options;
    }

    private static bool Sets(string connectionString, string key) =>
        connectionString.Contains(key + "=", StringComparison.OrdinalIgnoreCase);

    private async Task<ConnectionMultiplexer> ConnectAsync()
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(configuration);
        connection.ConnectionFailed += (_, args) =>
        {
            if (args.ConnectionType == ConnectionType.Interactive && Interlocked.Exchange(ref available, 0) == 1)
            {
                LogUnavailable($"{args.FailureType}");
            }
        };
        connection.ConnectionRestored += (_, args) =>
        {
            if (args.ConnectionType == ConnectionType.Interactive)
            {
                Interlocked.Exchange(ref available, 1);
                LogRestored();
                Restored?.Invoke();
            }
        };
        if (!connection.IsConnected)
        {
            Interlocked.Exchange(ref available, 0);
            LogUnavailable("not reachable at start");
        }

        return connection;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unavailable ({Reason}): answering from memory, shared state catches up when it returns")]
    private partial void LogUnavailable(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis is back: shared state in use again")]
    private partial void LogRestored();
}
