namespace TreatyBot.Storage;

/// <summary>The curation loop's tables: the log of questions answered badly and the feedback votes, one schema step.</summary>
internal static class CurationSchema
{
    /// <summary>Schema step 3: <see cref="SqliteCurationLog.Tables"/> and <see cref="SqliteFeedback.Tables"/>.</summary>
    public static Migration Migration { get; } = new(3, "curation_log, feedback_votes", SqliteCurationLog.Tables + SqliteFeedback.Tables);
}
