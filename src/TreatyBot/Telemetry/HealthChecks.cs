using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TreatyBot.KnowledgeBase;
using TreatyBot.Storage;

namespace TreatyBot.Telemetry;

/// <summary>Ready when a valid fact base is in service (hot reload keeps the last good one, so once up it stays up).</summary>
internal sealed class FactBaseHealthCheck(KnowledgeStore knowledge) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(knowledge.Facts.Facts.Count > 0
            ? HealthCheckResult.Healthy($"{knowledge.Facts.Facts.Count} facts in service")
            : HealthCheckResult.Unhealthy("the fact base is empty"));
}

/// <summary>Ready when the Bot API answered within <see cref="ManagementOptions.BotApiStaleAfterSeconds"/>.</summary>
internal sealed class BotApiHealthCheck(BotApiStatus status, IOptions<ManagementOptions> options, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var limit = TimeSpan.FromSeconds(options.Value.BotApiStaleAfterSeconds);
        return Task.FromResult(status.LastAnswer switch
        {
            null => HealthCheckResult.Unhealthy("the Bot API has not answered yet"),
            { } last when time.GetUtcNow() - last > limit => HealthCheckResult.Unhealthy($"the Bot API last answered at {last:O}"),
            { } last => HealthCheckResult.Healthy($"the Bot API answered at {last:O}"),
        });
    }
}

/// <summary>
/// With <c>Storage:Provider=redis</c>: Healthy while Redis answers; Degraded while it does not — still ready (200), since
/// the replica answers from memory meanwhile and catches up when Redis returns, so it stays in the load balancer.
/// </summary>
internal sealed class RedisHealthCheck(RedisConnection connection) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Starts connecting if nothing has yet (never throws, never waits here).
        _ = connection.StartAsync();
        return Task.FromResult(connection.IsAvailable
            ? HealthCheckResult.Healthy("Redis answers: state shared with the other replicas")
            : HealthCheckResult.Degraded("Redis is unavailable: answering from memory; shared state catches up when it returns"));
    }
}
