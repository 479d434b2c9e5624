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

    /// <summary>"Who was Karakhan?": a person's or place's profile, not who did something.</summary>
    WhoIs,

    /// <summary>"What became of the concessions?": what happened later.</summary>
    After,

    /// <summary>"What did the treaty mean?": its significance and consequences.</summary>
    Meaning,
}
