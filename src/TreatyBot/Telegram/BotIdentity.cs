namespace TreatyBot.Telegram;

/// <summary>Who the bot is on Telegram, learnt from getMe at start: its @username addresses it in groups.</summary>
public sealed class BotIdentity
{
    public string? Username { get; set; }

    public string Mention => Username is { } name ? "@" + name : "@TreatyBot";
}
