namespace TreatyBot.Knowledge.Facts;

/// <summary>One thing wrong with the fact base, with the file and line a curator has to fix.</summary>
public sealed record FactBaseProblem(SourceLocation Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}

/// <summary>Thrown when the fact base cannot be used; lists every problem found, not just the first.</summary>
public sealed class FactBaseException : Exception
{
    public FactBaseException()
        : this([])
    {
    }

    public FactBaseException(string message)
        : base(message)
    {
        Problems = [];
    }

    public FactBaseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public FactBaseException(IReadOnlyList<FactBaseProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<FactBaseProblem> Problems { get; }

    private static string Describe(IReadOnlyList<FactBaseProblem> problems) =>
        problems.Count == 0
            ? "The fact base is invalid."
            : $"The fact base has {problems.Count} problem(s):{Environment.NewLine}" +
              string.Join(Environment.NewLine, problems.Select(p => "  " + p));
}
