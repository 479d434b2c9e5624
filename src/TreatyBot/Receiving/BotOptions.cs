using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace TreatyBot.Receiving;

/// <summary>How the bot reaches Telegram (section <c>Bot</c>).</summary>
internal sealed class BotOptions
{
    public const string Section = "Bot";

    public const string TokenHelp =
        "Bot:Token is missing or malformed. Set it with the environment variable Bot__Token=<token from @BotFather> " +
        "or, for development, `dotnet user-secrets set Bot:Token <token> --project src/TreatyBot` with DOTNET_ENVIRONMENT=Development. " +
        "To try the bot without a token: dotnet run --project src/TreatyBot -- ask \"Когда подписан Пекинский договор?\"";

    /// <summary>The token from @BotFather: digits, a colon, then at least 30 letters, digits, '_' or '-'. A secret.</summary>
    [Required(ErrorMessage = TokenHelp)]
    [RegularExpression(@"^\d{3,20}:[A-Za-z0-9_-]{30,100}$", ErrorMessage = TokenHelp)]
    public string Token { get; set; } = "";

    /// <summary>A local Bot API server or a test fake; empty means Telegram's own.</summary>
    [Url(ErrorMessage = "Bot:ApiBaseUrl must be an absolute http(s) address, e.g. http://127.0.0.1:8081")]
    public string? ApiBaseUrl { get; set; }

    /// <summary>Polling (the default; a single instance) or webhook (see <see cref="WebhookOptions"/>).</summary>
    public BotMode Mode { get; set; } = BotMode.Polling;

    /// <summary>How long one getUpdates call may wait for news, in seconds (Telegram holds a poll up to 50 s).</summary>
    [Range(0, 50)]
    public int PollTimeoutSeconds { get; set; } = 50;

    /// <summary>The token's bot id (the part before the colon): safe to log, unlike the token.</summary>
    public string BotId => Token.Split(':')[0];
}

[OptionsValidator]
internal sealed partial class BotOptionsValidator : IValidateOptions<BotOptions>;
