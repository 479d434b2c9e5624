using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TreatyBot.Tests.Servers;

/// <summary>
/// A real <c>redis-server</c> (Debian's package; <c>.ci/run</c> installs it) on 127.0.0.1 on a free port, with its data
/// in a temporary folder of its own and the append-only file on, so that a restart keeps what was written. Stopped and
/// deleted on dispose. A machine without redis-server fails the test with a line saying how to get it: these tests never
/// skip.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly TemporaryFolder data;
    private Process? process;

    private RedisServer(int port, TemporaryFolder data)
    {
        Port = port;
        this.data = data;
    }

    public int Port { get; }

    /// <summary>A StackExchange.Redis connection string for the server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public bool IsRunning => process is { HasExited: false };

    /// <summary>Starts a server on <paramref name="port"/>, or on a free port when none is given.</summary>
    public static async Task<RedisServer> StartAsync(int? port = null)
    {
        var server = new RedisServer(port ?? FreePort(), TemporaryFolder.Create("redis-"));
        try
        {
            await server.RunAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The redis-server binary: on PATH, else where Debian puts it.</summary>
    public static string Binary()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin").Append("/usr/sbin"))
        {
            var candidate = Path.Combine(folder, "redis-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("redis-server not found: install Debian's redis-server package (apt-get install redis-server; .ci/run does this)");
    }

    /// <summary>Stops the server the hard way (SIGKILL); what was acknowledged stays in the append-only file.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false } running)
        {
            running.Kill();
            await running.WaitForExitAsync();
        }

        process?.Dispose();
        process = null;
    }

    /// <summary>Starts it again on the same port with the same data.</summary>
    public Task StartAgainAsync() => RunAsync();

    /// <summary>Sends one command in the Redis protocol and returns the first line of the reply (e.g. <c>+PONG</c>, <c>:3</c>).</summary>
    public async Task<string> CommandAsync(params string[] arguments)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        var request = new StringBuilder().Append('*').Append(arguments.Length).Append("\r\n");
        foreach (var argument in arguments)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(argument)).Append("\r\n").Append(argument).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadLineAsync() ?? "";
    }

    /// <summary>How many clients listen on a pub/sub channel now (<c>PUBSUB NUMSUB</c>).</summary>
    public async Task<int> SubscribersAsync(string channel)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        var request = $"*3\r\n$6\r\nPUBSUB\r\n$6\r\nNUMSUB\r\n${Encoding.UTF8.GetByteCount(channel)}\r\n{channel}\r\n";
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);

        // *2, $n, the channel, :count
        for (var i = 0; i < 3; i++)
        {
            await reader.ReadLineAsync();
        }

        var count = await reader.ReadLineAsync() ?? ":0";
        return int.Parse(count.AsSpan(1), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        data.Dispose();
    }

    /// <summary>A loopback port nothing listens on now (for a server started later, or one that is never there).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task RunAsync()
    {
        var start = new ProcessStartInfo(Binary())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[
            "--bind", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture), "--dir", data.Path,
            "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--protected-mode", "yes", "--daemonize", "no",
            "--loglevel", "warning"])
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                if (await CommandAsync("PING") == "+PONG")
                {
                    return;
                }
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }

            if (process.HasExited || DateTime.UtcNow >= deadline)
            {
                throw new InvalidOperationException($"redis-server did not answer on port {Port} within 10 s");
            }

            await Task.Delay(50);
        }
    }
}
