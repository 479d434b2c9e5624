using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;
using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Knowledge.Matching;

/// <summary>A date named in a question: any of day, month and year may be missing ("15 May", "May 1925", "1944").</summary>
internal readonly record struct QuestionDate(int? Year, int? Month, int? Day, int Start, int Length);

/// <summary>
/// Finds dates in a question, in the ways people write them in Russian and English: «15 мая 1925», «в мае 1925»,
/// "May 15, 1925", "15 May 1925", "15.05.1925", "1925-05-15", a bare year. Dates become index terms of their own
/// (<see cref="Terms(FactDate)"/>), so a question about a date finds the facts that state it.
/// </summary>
internal static partial class DateRecognizer
{
    // Every form MonthNames writes must match here (MonthNamesTests); a generated regex needs its pattern as a constant.
    private const string Month =
        @"(?<month>январ[а-я]*|феврал[а-я]*|март[а-я]*|апрел[а-я]*|ма[йяе]|июн[а-я]*|июл[а-я]*|август[а-я]*|сентябр[а-я]*|октябр[а-я]*|ноябр[а-я]*|декабр[а-я]*"
        + @"|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![\p{L}])\.?";

    private const string Day = @"(?<day>[0-3]?\d)(?!\d)(?:st|nd|rd|th|-?го|-?е)?";
    // «1925 года» is one date: the word after the year belongs to it, so it is not read as "which year?".
    private const string Year = @"(?<year>1\d{3}|20\d{2})(?!\d)(?:-?(?:м|й|го))?(?:\s*(?:года|году|год|г\.?|гг\.?)(?![\p{L}]))?";

    // A span of years written short: «1943–44», "1904-05 war", «в 1924–25 годах»: two years, the second in the first's century.
    private const string YearSpan = @"(?<year>1\d{3}|20\d{2})\s*[-–—]\s*(?<tail>\d{2})(?![\d\p{L}])(?:\s*(?:годах|годы|годов|гг\.?)(?![\p{L}]))?";

    // A year of the last century written short: «25 года», «в 41-м году», «44 г.», "'25". «44 года» is also "44
    // years" (a number ending in 2–4), so that form stands for a year only with an ordinal ending («24-го года»).
    private const string ShortYear =
        @"(?:(?<short>\d{2})(?<ordinal>-?(?:м|й|го|х))?\s*(?:году|год|г\.|(?<genitive>года))(?![\p{L}])|['’‘](?<short>\d{2})(?![\p{L}\d]))";

    // The forms of dates people type in chats are a second pattern, run only on a question that may hold one (see
    // MayHoldSpokenDate): its generated code is compiled on first use, not at start-up (3 MiB and 5 % of `ask`).
    // A short year without «год» where no day can be meant: «в 25-м», «в 41-м» (a day takes «-го»), «протокол 44-го»
    // (no month has a 44th day), «договор 25-го» (a document's year), «летом 25-го», «в конце 24-го» (a season or a part
    // of the year); «26-го» stays a day, «20-х» a decade, and «в 34-м томе», «в 25-м пункте» count something else.
    private const string SpokenShortYear =
        @"(?:(?<short>1[7-9]|[2-3]\d|4[0-5])-?(?:м|ом)(?![\p{L}\d])(?!\s+(?:том|номер|выпуск|стать|пункт|параграф|глав|страниц|абзац|издани|класс|ряд|мест|строк|лист))|(?<short>3[2-9]|4[0-5])-?го(?![\p{L}\d])"
        + @"|(?<=(?:договор|конвенци|протокол|соглашени|пакт)[а-я]*\s+)(?<short>1[7-9]|[2-3]\d)-го(?![\p{L}\d])(?!\s+(?:январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр))"
        + @"|(?<=(?:летом|весной|осенью|зимой|начале|конце|середине)\s+)(?<short>1[7-9]|[2-4]\d)-(?:го|м)(?![\p{L}\d]))";

    // «20 янв 1925», «29 авг. 1924», «в фев 1925»: a Russian month cut short.
    private const string ShortMonth = @"(?<month>янв|февр?|мар|апр|авг|сент?|окт|нояб?|дек)(?![\p{L}])\.?";

    // «в январе 25-го», «в мае 25 года»: a Russian month "in" and a short year; «января 25» in Russian order is not a day.
    private const string MonthShortYear =
        @"(?<month>январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре)\s+(?<short>1[7-9]|[2-4]\d)(?:-?(?:го|м|й))?(?:\s*(?:года|году|г\.))?(?![\p{L}\d])";

    // "March '24", "January of '25": an English month and a short year.
    private const string MonthApostropheYear = Month + @"\s+(?:of\s+)?['’‘](?<short>1[7-9]|[2-4]\d)(?![\p{L}\d])";

    /// <summary>The dates in <paramref name="text"/>, in order; the two years of a span («1943–44») share its place.</summary>
    public static IReadOnlyList<QuestionDate> Find(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('0', '9'))
        {
            return [];
        }

        var matches = DatePattern().Matches(text).ToList();
        if (MayHoldSpokenDate(text))
        {
            // A spoken form wins where it overlaps as much or more: «в январе 25-го» is January 1925, not the 25th of
            // January; «25-го года» stays the whole year it is.
            foreach (Match spoken in SpokenDatePattern().Matches(text))
            {
                bool Overlaps(Match m) => m.Index < spoken.Index + spoken.Length && spoken.Index < m.Index + m.Length;
                if (!matches.Exists(m => Overlaps(m) && m.Length > spoken.Length))
                {
                    matches.RemoveAll(Overlaps);
                    matches.Add(spoken);
                }
            }

            matches.Sort((a, b) => a.Index.CompareTo(b.Index));
        }

        var dates = new List<QuestionDate>();
        foreach (var match in matches)
        {
            if (match.Groups["tail"] is { Success: true } tail)
            {
                var first = int.Parse(match.Groups["year"].ValueSpan, CultureInfo.InvariantCulture);
                var second = (first / 100 * 100) + int.Parse(tail.ValueSpan, CultureInfo.InvariantCulture);
                dates.Add(new QuestionDate(first, null, null, match.Index, match.Length));
                if (second > first)
                {
                    dates.Add(new QuestionDate(second, null, null, match.Index, match.Length));
                }

                continue;
            }

            var year = match.Groups["year"] is { Success: true } y ? int.Parse(y.ValueSpan, CultureInfo.InvariantCulture)
                : match.Groups["short"] is { Success: true } s ? 1900 + int.Parse(s.ValueSpan, CultureInfo.InvariantCulture)
                : (int?)null;
            if (match.Groups["genitive"].Success && !match.Groups["ordinal"].Success && match.Groups["short"].ValueSpan[^1] is '2' or '3' or '4')
            {
                continue;
            }

            var month = match.Groups["month"] is { Success: true } m ? MonthOf(m.Value) : null;
            var day = match.Groups["day"] is { Success: true } d ? int.Parse(d.ValueSpan, CultureInfo.InvariantCulture) : (int?)null;
            if (Exists(year, month, day))
            {
                dates.Add(new QuestionDate(year, month, day, match.Index, match.Length));
            }
        }

        return dates;
    }

    /// <summary>The index terms of a date a fact states: the whole date, its month, its day of the year, its year.</summary>
    public static IEnumerable<string> Terms(FactDate date)
    {
        yield return YearTerm(date.Year);
        if (date.Month is { } month)
        {
            yield return Term(date.Year, month, null);
            if (date.Day is { } day)
            {
                yield return Term(null, month, day);
                yield return Term(date.Year, month, day);
            }
        }
    }

    /// <summary>The index term of a date as precise as the question puts it.</summary>
    public static string Term(QuestionDate date) => date switch
    {
        { Month: null, Year: { } year } => YearTerm(year),
        { Month: { } month } => Term(date.Year, month, date.Day),
        _ => throw new ArgumentException("a date has a year or a month", nameof(date)),
    };

    /// <summary>Whether <paramref name="term"/> is a year alone ("1925"), not a month or a day.</summary>
    public static bool IsYearTerm(string term) => IsDateTerm(term) && !term.StartsWith('@');

    /// <summary>Whether <paramref name="term"/> names a date (a year counts).</summary>
    public static bool IsDateTerm(string term) =>
        term.StartsWith('@') || (term.Length == 4 && term[0] is '1' or '2' && !term.AsSpan().ContainsAnyExceptInRange('0', '9'));

    /// <summary>The terms of the dates that contain the date of <paramref name="term"/>: its month and year.</summary>
    public static IEnumerable<string> Broader(string term)
    {
        // "@1925-05-15" → "@1925-05", "1925"; "@1925-05" → "1925"; a day without a year has none.
        if (term.StartsWith('@') && term.Length > 5 && char.IsAsciiDigit(term[1]))
        {
            if (term.Length == 11)
            {
                yield return term[..8];
            }

            yield return term[1..5];
        }
    }

    /// <summary><paramref name="text"/> with the dates blanked out, for analysing the rest.</summary>
    public static string Blank(string text, IReadOnlyList<QuestionDate> dates)
    {
        if (dates.Count == 0)
        {
            return text;
        }

        var chars = text.ToCharArray();
        foreach (var date in dates)
        {
            chars.AsSpan(date.Start, date.Length).Fill(' ');
        }

        return new string(chars);
    }

    /// <summary>A year is the same term as the number in a fact's text: "1925".</summary>
    public static string YearTerm(int year) => year.ToString(CultureInfo.InvariantCulture);

    private static string Term(int? year, int month, int? day) =>
        string.Create(CultureInfo.InvariantCulture, $"@{year:D4}-{month:D2}{(day is { } d ? "-" + d.ToString("D2", CultureInfo.InvariantCulture) : "")}");

    /// <summary>Whether the calendar has such a day (31.02 is a typo, not a date); a day without a year may be 29 February.</summary>
    private static bool Exists(int? year, int? month, int? day) => month switch
    {
        null => day is null,
        < 1 or > 12 => false,
        _ => day is null || (day >= 1 && day <= DateTime.DaysInMonth(year ?? 2000, month.Value)),
    };

    private static int? MonthOf(string name)
    {
        if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        var lower = name.ToLowerInvariant();
        for (var i = 0; i < MonthNames.Prefixes.Length; i++)
        {
            if (lower.StartsWith(MonthNames.Prefixes[i], StringComparison.Ordinal))
            {
                return (i % 12) + 1;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="text"/> may hold a date in a spoken form: an ordinal ending right after a number («41-м»,
    /// «25-го», «24м»), a short year after an apostrophe ("'25"), a month cut short («янв», «авг.») or a Russian month "in" followed by a number («в январе 25»).
    /// </summary>
    private static bool MayHoldSpokenDate(string text)
    {
        // «в 41-м», «25-го», «в 25-ом», or typed without the hyphen («в 24м»); "March '24".
        for (var i = 1; i < text.Length; i++)
        {
            var ending = text[i] == '-' && i + 1 < text.Length ? text[i + 1] : text[i];
            if ((char.IsAsciiDigit(text[i - 1]) && (ending is 'м' or 'г' || (text[i] == '-' && ending == 'о')))
                || (text[i - 1] is '\'' or '’' or '‘' && char.IsAsciiDigit(text[i])))
            {
                return true;
            }
        }

        var span = text.AsSpan();
        foreach (var word in span.SplitAny(WordSeparators))
        {
            if (SpokenMonthLookup.Contains(span[word]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What separates the words <see cref="MayHoldSpokenDate"/> looks up.</summary>
    private static readonly SearchValues<char> WordSeparators = SearchValues.Create(" ,.?!;:()«»\"");

    private static readonly HashSet<string> SpokenMonthWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "янв", "фев", "февр", "мар", "апр", "авг", "сен", "сент", "окт", "ноя", "нояб", "дек",
        "январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре", "октябре", "ноябре", "декабре",
    };

    /// <summary><see cref="SpokenMonthWords"/> looked up by a span of the question, whatever its case, with nothing allocated.</summary>
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SpokenMonthLookup = SpokenMonthWords.GetAlternateLookup<ReadOnlySpan<char>>();

    [GeneratedRegex(
        $@"(?<![\p{{L}}\d])(?:(?<day>[0-3]?\d)[./](?<month>[01]?\d)[./]{Year}|{Year}-(?<month>[01]?\d)-(?<day>[0-3]?\d)|{Day}\s+(?:of\s+)?{Month}(?:,?\s+{Year})?|{Month}\s+{Day}(?:,?\s+{Year})?|{Month},?\s+{Year}|{YearSpan}|{Year}|{ShortYear})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex DatePattern();

    [GeneratedRegex(
        $@"(?<![\p{{L}}\d])(?:{Day}\s+{ShortMonth}(?:,?\s+{Year})?|{ShortMonth},?\s+{Year}|{MonthShortYear}|{MonthApostropheYear}|{SpokenShortYear})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex SpokenDatePattern();
}
