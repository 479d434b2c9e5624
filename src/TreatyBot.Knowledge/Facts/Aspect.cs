namespace TreatyBot.Knowledge.Facts;

/// <summary>The kind of question a fact answers; question words (когда, who, где…) point to one.</summary>
public enum Aspect
{
    When,
    Where,
    Who,
    What,
    Why,
    HowMany,
    HowLong,
}
