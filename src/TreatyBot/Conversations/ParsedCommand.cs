namespace TreatyBot.Conversations;

/// <summary>A command at the start of a message: <c>/name</c> or <c>/name@BotName</c>, then its argument.</summary>
internal sealed record ParsedCommand(string Name, string? Target, string Argument)
{
    /// <summary>Parses <paramref name="text"/>; null if it does not start with a command.</summary>
    public static ParsedCommand? Parse(string text)
    {
        if (text.Length < 2 || text[0] != '/')
        {
            return null;
        }

        var end = text.AsSpan().IndexOfAny(" \n\t");
        var head = end < 0 ? text[1..] : text[1..end];
        var argument = end < 0 ? "" : text[end..].Trim();
        var at = head.IndexOf('@', StringComparison.Ordinal);
        var name = (at < 0 ? head : head[..at]).ToLowerInvariant();
        var target = at < 0 ? null : head[(at + 1)..];
        return name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? null
            : new ParsedCommand(name, target, argument);
    }

    /// <summary>Whether the command is for this bot: no @target, or @target is this bot's username.</summary>
    public bool IsFor(string? username) =>
        Target is null || (username is not null && string.Equals(Target, username, StringComparison.OrdinalIgnoreCase));
}
