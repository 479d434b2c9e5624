using System.Globalization;

namespace TreatyBot.Cli;

/// <summary>
/// The arguments of <c>eval</c>: question files or folders of them (each must exist) and the gate's thresholds (each a
/// number from 0 to 1). A mistyped number («--min-in O.95») or a missing file is an error, never a silently open gate.
/// </summary>
internal sealed record EvalArguments(IReadOnlyList<string> Files, double MinIn, double MinOut, double MaxWrong, string? Error)
{
    /// <summary>Print the rates only, not the failures: for held-out sets, whose failures nobody should read and tune on.</summary>
    public bool SummaryOnly { get; init; }

    /// <summary>Reads <paramref name="args"/>; null when no question file is named at all.</summary>
    public static EvalArguments? Parse(IReadOnlyList<string> args)
    {
        var files = new List<string>();
        double minIn = 0, minOut = 0, maxWrong = 1;
        var summaryOnly = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (Directory.Exists(arg))
                {
                    var found = Directory.GetFiles(arg, "*.tsv").Order(StringComparer.Ordinal).ToList();
                    if (found.Count == 0)
                    {
                        return Failed($"no *.tsv question files in {arg}");
                    }

                    files.AddRange(found);
                }
                else if (File.Exists(arg))
                {
                    files.Add(arg);
                }
                else
                {
                    return Failed($"file not found: {arg}");
                }

                continue;
            }

            if (arg == "--summary")
            {
                summaryOnly = true;
                continue;
            }

            if (arg is not ("--min-in" or "--min-out" or "--max-wrong"))
            {
                return Failed($"unknown option {arg}");
            }

            if (i + 1 >= args.Count || !double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value is < 0 or > 1)
            {
                return Failed($"{arg} needs a number from 0 to 1, not '{(i + 1 < args.Count ? args[i + 1] : "")}'");
            }

            i++;
            _ = arg switch
            {
                "--min-in" => minIn = value,
                "--min-out" => minOut = value,
                _ => maxWrong = value,
            };
        }

        return files.Count == 0 ? null : new EvalArguments(files, minIn, minOut, maxWrong, null) { SummaryOnly = summaryOnly };
    }

    private static EvalArguments Failed(string error) => new([], 0, 0, 1, error);
}
