using System.Buffers;
using System.Globalization;

namespace TreatyBot.Knowledge.Matching;

/// <summary>
/// A number a text states with the stem of what it counts: 45 years («45 лет»: лет), 50 % (unit "%"), 1,900 soldiers;
/// <see cref="Value"/> is null for a number written in words («пять месяцев»), which is not read.
/// </summary>
internal readonly record struct StatedCount(decimal? Value, string Unit);

/// <summary>
/// Reads the counts a text states («на 99 лет», "70 percent", "50,000 tons"), so that a yes/no question that proposes
/// one can be checked against an answer that states another of the same kind: «Концессию дали на 99 лет?» is answered
/// "no" by a text that says 45 years and never 99. Dates are not counts: they are blanked first.
/// </summary>
internal static class CountClaims
{
    /// <summary>The characters of a number written in digits, with its group and decimal separators.</summary>
    private static readonly SearchValues<char> NumberChars = SearchValues.Create("0123456789,.");

    /// <summary>The unit of a share, however it is written: «%», «процентов», "percent", "per cent".</summary>
    private const string Percent = "%";

    /// <summary>The stems that say "per cent" on their own.</summary>
    private static readonly HashSet<string> PercentStems = new(StringComparer.Ordinal) { "процент", "percent", "pct" };

    /// <summary>Words that multiply the number before them and leave the unit to the next word («50 тыс. тонн»).</summary>
    private static readonly Dictionary<string, decimal> Multipliers = new(StringComparer.Ordinal)
    {
        ["тыс"] = 1_000m, ["тысяч"] = 1_000m, ["thousand"] = 1_000m, ["млн"] = 1_000_000m, ["миллион"] = 1_000_000m, ["million"] = 1_000_000m,
    };

    /// <summary>
    /// The stems of numbers written in words: a text that counts so («пять месяцев», "five months") states a number this
    /// reader does not read, so it neither confirms nor refutes.
    /// </summary>
    private static readonly HashSet<string> NumberWordStems = BuildNumberWordStems();

    /// <summary>
    /// The stems of words that make the number after them a bound or a guess («больше 40 раундов», "around 50,000 tons"):
    /// such a number is not stated, so it is not read.
    /// </summary>
    private static readonly HashSet<string> BoundStems = TreatyAnalyzer.ForThread.Stems(
        "больше более менее меньше свыше около почти примерно приблизительно порядка than about around almost nearly approximately roughly over under least most some")
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The counts <paramref name="text"/> states, in order.</summary>
    public static List<StatedCount> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Numbers in words alone are never read, and only block a refutation where some number is read.
        return text.AsSpan().ContainsAnyInRange('0', '9') ? FindInBlanked(DateRecognizer.Blank(text, DateRecognizer.Find(text))) : [];
    }

    /// <summary>
    /// The counts a text states whose dates are already blanked (<see cref="DateRecognizer.Blank"/>), as the question
    /// reader has it.
    /// </summary>
    public static List<StatedCount> FindInBlanked(string blanked)
    {
        ArgumentNullException.ThrowIfNull(blanked);
        var counts = new List<StatedCount>();
        if (!blanked.AsSpan().ContainsAnyInRange('0', '9'))
        {
            return counts;
        }

        var tokens = TreatyAnalyzer.ForThread.Tokens(blanked);
        for (var i = 0; i < tokens.Count; i++)
        {
            decimal? value;
            if ((i > 0 && BoundStems.Contains(tokens[i - 1].Stem)) || (i > 1 && tokens[i - 1].Stem == "to" && tokens[i - 2].Stem == "up"))
            {
                continue;
            }

            if (TryParse(tokens[i].Stem, out var number))
            {
                value = number;
            }
            else if (NumberWordStems.Contains(tokens[i].Stem))
            {
                value = null;
            }
            else
            {
                continue;
            }

            var end = tokens[i].End;
            var next = i + 1;
            if (value is { } whole && next < tokens.Count && IsThousands(blanked, tokens[i], tokens[next]))
            {
                // «50 000 тонн»: a group of three digits after a single space is the same number.
                value = (whole * 1_000m) + decimal.Parse(tokens[next].Stem, CultureInfo.InvariantCulture);
                end = tokens[next].End;
                next++;
                i++;
            }

            if (blanked.AsSpan(end).TrimStart().StartsWith(Percent, StringComparison.Ordinal))
            {
                counts.Add(new StatedCount(value, Percent));
                continue;
            }

            if (next < tokens.Count && Multipliers.TryGetValue(tokens[next].Stem, out var times))
            {
                value *= times;
                next++;
            }

            if (next < tokens.Count && Unit(tokens, next) is { } unit)
            {
                counts.Add(new StatedCount(value, unit));
            }
        }

        return counts;
    }

    /// <summary>
    /// Whether <paramref name="stated"/>, the counts of an answer, refute one of <paramref name="proposed"/>: the answer
    /// counts the same thing, only with other numbers, and never with one in words it cannot compare.
    /// </summary>
    public static bool Refutes(IReadOnlyList<StatedCount> proposed, IReadOnlyList<StatedCount> stated)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        ArgumentNullException.ThrowIfNull(stated);
        foreach (var claim in proposed)
        {
            if (claim.Value is { } value && stated.Any(s => s.Unit == claim.Unit) && !stated.Any(s => s.Unit == claim.Unit && (s.Value is null || s.Value == value)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The unit the token at <paramref name="at"/> names: "%" for per cent; null for a stop word or a non-word.</summary>
    private static string? Unit(List<Token> tokens, int at)
    {
        var stem = tokens[at].Stem;
        if (PercentStems.Contains(stem) || (stem == "per" && at + 1 < tokens.Count && tokens[at + 1].Stem == "cent"))
        {
            return Percent;
        }

        return stem.Length >= 2 && char.IsLetter(stem[0]) && !TreatyAnalyzer.StopStems.Contains(stem) ? stem : null;
    }

    /// <summary>Whether <paramref name="next"/> is a group of three digits that, one space after <paramref name="number"/>, continues it.</summary>
    private static bool IsThousands(string text, Token number, Token next) =>
        number.Length <= 3 && next.Length == 3 && next.Start == number.End + 1 && text[number.End] is ' ' or '\u00A0' or '\u202F'
        && next.Stem.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;

    /// <summary>Reads «45», "1,900", «2,5»: a comma or point before three digits groups thousands, before fewer it is a decimal point.</summary>
    private static bool TryParse(string token, out decimal value)
    {
        value = 0;
        if (token.Length == 0 || !char.IsAsciiDigit(token[0]) || token.AsSpan().IndexOfAnyExcept(NumberChars) >= 0)
        {
            return false;
        }

        var groups = token.Split(',', '.');
        var thousands = groups.Length > 1 && groups.Skip(1).All(g => g.Length == 3);
        var text = thousands ? string.Concat(groups) : token.Replace(',', '.');
        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    private static HashSet<string> BuildNumberWordStems()
    {
        const string Words =
            "один одна одного одной два две двух трёх три четыре четырёх пять пяти шесть шести семь семи восемь восьми девять девяти "
            + "десять десяти одиннадцать двенадцать пятнадцать двадцать двадцати тридцать тридцати сорок сорока пятьдесят пятидесяти "
            + "сто ста половина половину полтора полгода "
            + "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred half dozen";
        return TreatyAnalyzer.ForThread.Stems(Words).ToHashSet(StringComparer.Ordinal);
    }
}
