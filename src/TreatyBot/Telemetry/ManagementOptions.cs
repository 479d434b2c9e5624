using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace TreatyBot.Telemetry;

/// <summary>Health and metrics endpoints (section <c>Management</c>).</summary>
internal sealed class ManagementOptions
{
    public const string Section = "Management";

    /// <summary>
    /// In polling mode, where <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c> listen, e.g. <c>http://0.0.0.0:8081</c>
    /// (several separated by ';'). Empty (the default): no port is opened. In webhook mode these endpoints are served
    /// beside the webhook, on ASP.NET Core's <c>Urls</c>.
    /// </summary>
    public string? Urls { get; set; }

    /// <summary>Serve the metrics in Prometheus text format at <c>/metrics</c>.</summary>
    public bool Prometheus { get; set; }

    /// <summary><c>/readyz</c> fails when the Bot API has not answered for this long (a long poll answers every ≤ 50 s).</summary>
    [Range(10, 86_400)]
    public int BotApiStaleAfterSeconds { get; set; } = 150;
}

[OptionsValidator]
internal sealed partial class ManagementOptionsValidator : IValidateOptions<ManagementOptions>;
