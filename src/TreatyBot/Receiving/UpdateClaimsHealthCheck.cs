using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TreatyBot.Receiving;

/// <summary>
/// Webhook mode with Redis: Degraded (still ready, 200) while update ids this replica handled during a Redis outage are
/// not yet claimed there, since until then a redelivery of one of them to another replica would be answered again.
/// Healthy therefore means the catch-up is done, not merely that Redis answers.
/// </summary>
internal sealed class UpdateClaimsHealthCheck(UpdateClaims claims) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = claims.Pending;
        if (pending == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy("every update handled here is claimed in Redis"));
        }

        // A catch-up that failed (Redis answered the reconnection, not the writes) is tried again by the probe; it does
        // nothing while Redis is away.
        _ = claims.CatchUpAsync();
        return Task.FromResult(HealthCheckResult.Degraded(string.Create(CultureInfo.InvariantCulture,
            $"{pending} update id(s) handled while Redis was away are not yet claimed there")));
    }
}
