using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Facts;
using TreatyBot.Knowledge.Matching;

namespace TreatyBot.Tests.Knowledge;

/// <summary>
/// The repository's fact base, loaded once for all tests that only read it, and the answerer built on it: the
/// knowledge library alone, as the bot's KnowledgeStore builds it.
/// </summary>
public sealed class FactBaseFixture
{
    public FactBaseFixture()
    {
        Facts = FactBaseLoader.Load(TestPaths.Responses);
        Matcher = new Matcher(Facts);
        Answerer = new Answerer(Matcher);
        Rules = new Answerer(Matcher, gated: false);
    }

    public FactBase Facts { get; }

    public Matcher Matcher { get; }

    public Answerer Answerer { get; }

    /// <summary>
    /// The hand-built rules alone, without the learned gate's last look (decision 014): the tests of the rules'
    /// mechanisms (the detail check, the classifier's second opinion) ask them, as the gate's first reading.
    /// </summary>
    public Answerer Rules { get; }
}
