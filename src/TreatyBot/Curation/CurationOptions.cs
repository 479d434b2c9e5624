using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace TreatyBot.Curation;

/// <summary>The log of questions the bot could not answer well (section <c>Curation</c>); README, Privacy.</summary>
internal sealed class CurationOptions
{
    public const string Section = "Curation";

    /// <summary>
    /// Off: no question is logged. What an earlier run logged is still deleted once, at start, as the retention says.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Days a logged question (and a feedback vote) is kept; older ones are deleted within a few hours.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 90;

    /// <summary>
    /// A fact answer counts as uncertain, and is logged, when the runner-up's rank is within this share of the best's
    /// (1 − runner-up / best &lt; LowMargin). Below <c>Answerer.AmbiguityMargin</c> (0.03) the bot asks "did you mean"
    /// unless the two facts are alike. 0.15 takes the 10 % of fact answers in the tuning bank that are wrong three
    /// times as often as the rest (10.5 % against 3.0 %); 0 logs none.
    /// </summary>
    [Range(0.0, 1.0)]
    public double LowMargin { get; set; } = 0.15;

    /// <summary>Questions waiting to be written; past this they are dropped (and counted) rather than slow an answer.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 1000;
}

[OptionsValidator]
internal sealed partial class CurationOptionsValidator : IValidateOptions<CurationOptions>;
