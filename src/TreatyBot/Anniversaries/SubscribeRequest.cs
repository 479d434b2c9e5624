using System.Globalization;

namespace TreatyBot.Anniversaries;

/// <summary>
/// What <c>/subscribe</c> asks for: <c>[HH:MM] [zone]</c> in either order, each optional (default 10:00 Europe/Moscow).
/// </summary>
internal sealed record SubscribeRequest(TimeOnly At, string Zone)
{
    /// <summary>The request, or null when the argument is not of that form (more than two words, a time like 25:00).</summary>
    public static SubscribeRequest? Parse(string argument)
    {
        var words = argument.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 2)
        {
            return null;
        }

        TimeOnly? at = null;
        string? zone = null;
        foreach (var word in words)
        {
            if (TimeOnly.TryParseExact(word, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) && at is null)
            {
                at = time;
            }
            else if (zone is null && (word.Contains('/', StringComparison.Ordinal) || word.Equals("UTC", StringComparison.OrdinalIgnoreCase)))
            {
                zone = word;
            }
            else
            {
                return null;
            }
        }

        return new SubscribeRequest(at ?? TimeZones.DefaultTime, zone ?? TimeZones.DefaultZone);
    }
}
