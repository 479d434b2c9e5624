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
/// One line of an evaluation file: kind, language, question, expected groups (&amp;&amp; of |-alternatives), optionally
/// the fact the question was written for (an entry id, or FACTS.md ids; informational), and optionally a reader's
/// verdicts on facts the bot answered it with (sixth column, <c>+id</c> answers it, <c>-id</c> does not).
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

    /// <summary>The file the question was read from.</summary>
    public string? Source { get; init; }

    /// <summary>
    /// Facts a reader judged, for this question, to answer it (true) or not (false), from the sixth column: an expect is
    /// written from one fact's words, and another fact may answer the question in other words, or hold the words and
    /// still not answer it. An answer with a judged fact is right or wrong by the verdict, not by the expect; a question
    /// on a detail no source gives, answered with a fact judged to give it after all, is answered right.
    /// </summary>
    public IReadOnlyDictionary<string, bool> Judged { get; init; } = new Dictionary<string, bool>(StringComparer.Ordinal);

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
            var judged = columns.Length > 5 ? ReadVerdicts(columns[5], $"{path}:{i + 1}") : [];
            cases.Add(new EvalCase(kind, LanguageExtensions.FromCode(columns[1]) ?? Language.Ru, columns[2].Trim(), expected, i + 1)
            {
                Fact = fact,
                Batch = batch,
                Judged = judged,
                Source = path,
            });
        }

        return cases;
    }

    /// <summary>The sixth column: fact ids separated by spaces, each after + (it answers the question) or - (it does not).</summary>
    private static Dictionary<string, bool> ReadVerdicts(string column, string where)
    {
        var verdicts = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var verdict in column.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (verdict.Length < 2 || verdict[0] is not ('+' or '-') || !verdicts.TryAdd(verdict[1..], verdict[0] == '+'))
            {
                throw new FormatException($"{where}: a verdict is +fact-id or -fact-id, each fact once; found '{verdict}'");
            }
        }

        return verdicts;
    }
}
