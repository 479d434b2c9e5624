using System.Globalization;

namespace TreatyBot.Knowledge.Facts;

/// <summary>A date a fact states: a whole date, a month or a year (ISO: 1925-01-20, 1925-05, 1907).</summary>
public readonly record struct FactDate(int Year, int? Month, int? Day)
{
    public static bool TryParse(string text, out FactDate date)
    {
        date = default;
        string[] formats = ["yyyy-MM-dd", "yyyy-MM", "yyyy"];
        if (!DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        date = text.Length switch
        {
            10 => new FactDate(parsed.Year, parsed.Month, parsed.Day),
            7 => new FactDate(parsed.Year, parsed.Month, null),
            _ => new FactDate(parsed.Year, null, null),
        };
        return true;
    }

    /// <summary>The date as the bot writes it: «20 января 1925» or "20 January 1925".</summary>
    public string Format(Language language)
    {
        if (Month is not { } month)
        {
            return Year.ToString(CultureInfo.InvariantCulture);
        }

        var monthName = language == Language.Ru
            ? (Day is null ? MonthNames.RuNominative[month - 1] : MonthNames.RuGenitive[month - 1])
            : MonthNames.En[month - 1];
        return Day is { } day ? $"{day} {monthName} {Year}" : $"{monthName} {Year}";
    }

    /// <summary>A whole date's day and month, without the year: «20 января» or "20 January".</summary>
    public string FormatDayAndMonth(Language language)
    {
        if (Month is not { } month || Day is not { } day)
        {
            return Format(language);
        }

        return $"{day} {(language == Language.Ru ? MonthNames.RuGenitive[month - 1] : MonthNames.En[month - 1])}";
    }

    /// <summary>Whether <paramref name="text"/> states this date (any grammatical case of a Russian month name).</summary>
    public bool IsWrittenIn(string text, Language language)
    {
        if (Month is not { } month)
        {
            return text.Contains(Year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        if (Day is not null || language == Language.En)
        {
            return text.Contains(Format(language), StringComparison.OrdinalIgnoreCase);
        }

        var pattern = MonthNames.RuStems[month - 1] + @"\w*\s+" + Year.ToString(CultureInfo.InvariantCulture);
        return System.Text.RegularExpressions.Regex.IsMatch(text, pattern, System.Text.RegularExpressions.RegexOptions.IgnoreCase);
    }

    public override string ToString() => Day is { } d
        ? $"{Year:D4}-{Month:D2}-{d:D2}"
        : Month is { } m ? $"{Year:D4}-{m:D2}" : $"{Year:D4}";
}
