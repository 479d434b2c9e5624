using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace TreatyBot.Conversations;

/// <summary>How many questions one sender may ask before the bot asks them to slow down (section <c>Flood</c>).</summary>
internal sealed class FloodOptions
{
    public const string Section = "Flood";

    // No ErrorMessage on [Range]: the source-generated validator's copy of the attribute ignores it
    // (Microsoft.Extensions.Options 10.0.15); its own message names FloodOptions.MaxQuestions and the bounds.

    /// <summary>Questions (messages, commands, button presses) one sender may ask within <see cref="Window"/>.</summary>
    [Range(1, 10_000)]
    public int MaxQuestions { get; set; } = 20;

    /// <summary>The window the limit counts in; a sender over the limit is ignored for one window.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

[OptionsValidator]
internal sealed partial class FloodOptionsValidator : IValidateOptions<FloodOptions>;
