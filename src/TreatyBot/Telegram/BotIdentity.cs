namespace TreatyBot.Telegram;

/// <summary>Who the bot is on Telegram, learnt from getMe at start: its @username and id address it in groups.</summary>
public sealed class BotIdentity
{
    public long Id { get; set; }

    public string? Username { get; set; }

    public string Mention => Username is { } name ? "@" + name : "@TreatyBot";
}
