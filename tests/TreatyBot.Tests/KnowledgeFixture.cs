using TreatyBot.KnowledgeBase;

namespace TreatyBot.Tests;

/// <summary>The repository's fact base, loaded once for all tests that only read it.</summary>
public sealed class KnowledgeFixture
{
    internal KnowledgeStore Store { get; } = new(TestPaths.Responses);
}
