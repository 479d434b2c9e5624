using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Anniversaries;

/// <summary>
/// The days of the year the fact base remembers: every fact marked <c>anniversary: true</c>, on the day and month of
/// its date. Only whole dates are anniversaries, and none falls on 29 February (the loader would take one; the calendar
/// then skips it in common years, as it skips any day a year lacks).
/// </summary>
internal static class AnniversaryCalendar
{
    /// <summary>The facts remembered on <paramref name="date"/>'s day and month, oldest event first.</summary>
    public static IReadOnlyList<Fact> On(FactBase facts, DateOnly date) =>
        [.. facts.Facts
            .Where(f => f.Anniversary is { Month: { } month, Day: { } day } && month == date.Month && day == date.Day)
            .OrderBy(f => f.Anniversary!.Value.Year)
            .ThenBy(f => f.Id, StringComparer.Ordinal)];

    /// <summary>The first day on or after <paramref name="from"/> that has anniversaries; null if the fact base marks none.</summary>
    public static DateOnly? Next(FactBase facts, DateOnly from)
    {
        var days = facts.Facts.Select(f => f.Anniversary).OfType<FactDate>()
            .Select(d => (Month: d.Month!.Value, Day: d.Day!.Value)).Distinct().ToList();
        if (days.Count == 0)
        {
            return null;
        }

        DateOnly? best = null;
        foreach (var (month, day) in days)
        {
            // This year's day, or next year's once it has passed (a 29 February waits for a leap year).
            for (var year = from.Year; year <= from.Year + 8; year++)
            {
                if (day <= DateTime.DaysInMonth(year, month) && new DateOnly(year, month, day) is var candidate && candidate >= from)
                {
                    best = best is { } known && known <= candidate ? known : candidate;
                    break;
                }
            }
        }

        return best;
    }
}
