namespace TreatyBot.Anniversaries;

/// <summary>
/// When a subscription's post is due, as instants: the post of a local date goes out at the subscription's local time
/// on that date in its zone. Around a daylight-saving change a local time can be missing (the clock jumps over it:
/// the post goes out at the first local time after the jump) or twice (the clock goes back: the first of the two).
/// </summary>
internal static class PostSchedule
{
    /// <summary>The date it is in <paramref name="zone"/> at <paramref name="now"/>.</summary>
    public static DateOnly LocalDate(DateTimeOffset now, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    /// <summary>The instant the post of local date <paramref name="date"/> is due at, <paramref name="at"/> local time.</summary>
    public static DateTimeOffset DueAt(DateOnly date, TimeOnly at, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(at, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Skipped by a clock that jumped forward: step minute by minute to the first local time that exists.
            while (zone.IsInvalidTime(local))
            {
                local = local.AddMinutes(1);
            }
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
