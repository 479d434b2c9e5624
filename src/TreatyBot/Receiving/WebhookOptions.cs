using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace TreatyBot.Receiving;

/// <summary>Webhook mode (section <c>Webhook</c>; used when <c>Bot:Mode</c> is <c>webhook</c>).</summary>
internal sealed class WebhookOptions : IValidatableObject
{
    public const string Section = "Webhook";

    /// <summary>
    /// The public HTTPS address Telegram posts updates to, e.g. <c>https://bot.example.org/telegram/update</c>. The bot
    /// serves the POST endpoint at this address's path.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>
    /// Sent by Telegram in <c>X-Telegram-Bot-Api-Secret-Token</c> with every update: 1–256 of A–Z, a–z, 0–9, '_', '-'.
    /// A secret, like the token.
    /// </summary>
    [RegularExpression("^[A-Za-z0-9_-]{1,256}$", ErrorMessage = "Webhook:SecretToken must be 1-256 characters of A-Z, a-z, 0-9, '_' and '-'")]
    public string? SecretToken { get; set; }

    /// <summary>At most this many connections Telegram opens at once to deliver updates (setWebhook max_connections).</summary>
    [Range(1, 100)]
    public int MaxConnections { get; set; } = 40;

    /// <summary>How often the bot asks Telegram about the webhook (getWebhookInfo) and logs its delivery errors.</summary>
    [Range(5, 3600)]
    public int CheckIntervalSeconds { get; set; } = 60;

    /// <summary>Whether <c>Bot:Mode</c> is webhook; set from <see cref="BotOptions"/>, not bound from configuration.</summary>
    public bool Enabled { get; internal set; }

    /// <summary>The local path of the POST endpoint: the path of <see cref="Url"/>.</summary>
    public string Path => Uri.TryCreate(Url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : "/";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            yield return new ValidationResult(
                "Webhook:Url must be the bot's public https:// address when Bot:Mode is webhook, e.g. Webhook__Url=https://bot.example.org/telegram/update",
                [nameof(Url)]);
        }

        if (string.IsNullOrEmpty(SecretToken))
        {
            yield return new ValidationResult(
                "Webhook:SecretToken is required when Bot:Mode is webhook: set Webhook__SecretToken to a random string of 1-256 characters of A-Z, a-z, 0-9, '_' and '-'",
                [nameof(SecretToken)]);
        }
    }
}

[OptionsValidator]
internal sealed partial class WebhookOptionsValidator : IValidateOptions<WebhookOptions>;
