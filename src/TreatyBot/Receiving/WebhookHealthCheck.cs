using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TreatyBot.Receiving;

/// <summary>
/// Webhook mode's part of <c>/readyz</c>: ready only while the receiver takes updates, so that a load balancer sends
/// none to a replica that would refuse them with 503 — one still starting, or one stopping during a rolling update.
/// </summary>
internal sealed class WebhookHealthCheck(WebhookWorker worker) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(worker.Accepting
            ? HealthCheckResult.Healthy("taking updates")
            : HealthCheckResult.Unhealthy("not taking updates (starting, or stopping): they are refused with 503"));
}
