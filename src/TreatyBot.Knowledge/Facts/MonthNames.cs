using System.Globalization;

namespace TreatyBot.Knowledge.Facts;

/// <summary>
/// The month names the bot writes and reads, in one place. Written out rather than taken from the ru-RU culture: the
/// bot runs with invariant globalization (no ICU).
/// </summary>
internal static class MonthNames
{
    /// <summary>«январь»: a month on its own («январь 1925»).</summary>
    public static readonly string[] RuNominative =
        ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"];

    /// <summary>«января»: a month after a day («20 января 1925»).</summary>
    public static readonly string[] RuGenitive =
        ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"];

    /// <summary>What every case of a Russian month name starts with («в мае», «маем» → «ма»).</summary>
    public static readonly string[] RuStems =
        ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"];

    /// <summary>"January".</summary>
    public static IReadOnlyList<string> En => CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];

    /// <summary>
    /// What a written month starts with, enough to tell it (Russian, then English): «янв», «ма», "jan", "may"; index
    /// modulo 12 is the month less one.
    /// </summary>
    public static readonly string[] Prefixes =
        [.. RuStems.Select(stem => stem[..Math.Min(3, stem.Length)]), .. En.Select(name => name[..3].ToLowerInvariant())];
}
