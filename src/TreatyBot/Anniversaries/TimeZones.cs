namespace TreatyBot.Anniversaries;

/// <summary>
/// Time zones by IANA name ("Europe/Moscow", "Asia/Tokyo"). The bot runs with invariant globalization, so .NET reads
/// them from the system's tz database (/usr/share/zoneinfo, or the folder named by TZDIR); the container image ships it.
/// </summary>
internal static class TimeZones
{
    public const string DefaultZone = "Europe/Moscow";

    public static readonly TimeOnly DefaultTime = new(10, 0);

    /// <summary>The zone named <paramref name="name"/> (an IANA name, any letter case); null if the system does not know it.</summary>
    public static TimeZoneInfo? Find(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        name = name.Trim();
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            // The tz files are looked up by name on a case-sensitive file system: "asia/tokyo" finds Asia/Tokyo here.
            return TimeZoneInfo.GetSystemTimeZones().FirstOrDefault(z => string.Equals(z.Id, name, StringComparison.OrdinalIgnoreCase));
        }
    }
}
