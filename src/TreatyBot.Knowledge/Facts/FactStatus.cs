namespace TreatyBot.Knowledge.Facts;

/// <summary>How well a fact is attested (FACTS.md): solid, medium, weak, or disputed between sources.</summary>
public enum FactStatus
{
    Solid,
    Medium,
    Weak,
    Disputed,
}
