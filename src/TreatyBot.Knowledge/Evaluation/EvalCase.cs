namespace TreatyBot.Knowledge.Evaluation;

/// <summary>What a question of the evaluation set expects.</summary>
public enum EvalKind
{
    /// <summary>Must be answered, and the answer must contain every expected group.</summary>
    In,

    /// <summary>Must be refused or left unanswered.</summary>
    Out,

    /// <summary>Must be left unanswered, or answered with "my sources do not say".</summary>
    Unknown,
}

/// <summary>
/// One line of an evaluation file: kind, language, question, expected groups (&amp;&amp; of |-alternatives), and
/// optionally the fact the question was written for (an entry id, or FACTS.md ids; informational).
/// </summary>
public sealed record EvalCase(EvalKind Kind, Language Language, string Question, IReadOnlyList<IReadOnlyList<string>> Expected, int Line)
{
    /// <summary>The fact the question was written for (fifth column), if given.</summary>
    public string? Fact { get; init; }

    /// <summary>
    /// The batch the question came in: how many runs of comment lines stand above it in its file (each batch of a bank
    /// opens with a comment saying who wrote it).
    /// </summary>
    public int Batch { get; init; }

    /// <summary>Reads the TSV format of shared/eval/questions.tsv; '#' lines are comments.</summary>
    public static IReadOnlyList<EvalCase> ReadTsv(string path)
    {
        var cases = new List<EvalCase>();
        var lines = File.ReadAllLines(path);
        var batch = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith('#') && (i == 0 || !lines[i - 1].StartsWith('#')))
            {
                batch++;
            }

            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var columns = line.Split('\t');
            if (columns.Length < 3)
            {
                throw new FormatException($"{path}:{i + 1}: expected kind, lang, question[, expect] separated by tabs");
            }

            var kind = columns[0].Trim() switch
            {
                "in" => EvalKind.In,
                "out" => EvalKind.Out,
                "unknown" => EvalKind.Unknown,
                var other => throw new FormatException($"{path}:{i + 1}: unknown kind '{other}'"),
            };
            var expected = columns.Length > 3 && columns[3].Trim().Length > 0
                ? columns[3].Split("&&").Select(g => (IReadOnlyList<string>)[.. g.Split('|').Select(a => a.Trim()).Where(a => a.Length > 0)]).ToList()
                : [];
            var fact = columns.Length > 4 && columns[4].Trim().Length > 0 ? columns[4].Trim() : null;
            cases.Add(new EvalCase(kind, LanguageExtensions.FromCode(columns[1]) ?? Language.Ru, columns[2].Trim(), expected, i + 1) { Fact = fact, Batch = batch });
        }

        return cases;
    }
}
