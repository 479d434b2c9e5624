using System.Net;

namespace TreatyBot.Telemetry;

/// <summary>
/// Sits on the Telegram HttpClients: notes every answer from the Bot API (for <c>/readyz</c>) and counts 429s by
/// method. It reads only the last segment of the request path (the method name): the token, earlier in the path, is
/// never looked at.
/// </summary>
internal sealed class TelegramCallObserver(BotApiStatus status, BotMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.Unauthorized)
        {
            status.Answered();
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            metrics.Throttled(request.RequestUri?.Segments is [.., var method] ? method.Trim('/') : "?");
        }

        return response;
    }
}
