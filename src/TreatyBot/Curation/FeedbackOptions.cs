namespace TreatyBot.Curation;

/// <summary>👍 / 👎 under fact answers (section <c>Feedback</c>).</summary>
internal sealed class FeedbackOptions
{
    public const string Section = "Feedback";

    /// <summary>Whether fact answers carry the two buttons; votes go to the store, per fact, without ids.</summary>
    public bool Enabled { get; set; }
}

