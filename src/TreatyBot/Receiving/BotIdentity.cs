namespace TreatyBot.Receiving;

/// <summary>Who the bot is on Telegram, learnt from getMe at start: its @username and id address it in groups.</summary>
internal sealed class BotIdentity
{
    public long Id { get; set; }

    public string? Username { get; set; }

    /// <summary>"@username" as getMe told it; updates are handled only after getMe, so it is known by then.</summary>
    public string Mention => "@" + Username;
}
