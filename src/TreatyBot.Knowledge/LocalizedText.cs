namespace TreatyBot.Knowledge;

/// <summary>A text in both of the bot's languages.</summary>
public sealed record LocalizedText(string Ru, string En)
{
    public string this[Language language] => language == Language.Ru ? Ru : En;
}
