using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace TreatyBot.Delivery;

/// <summary>How updates are received and replies sent (section <c>Delivery</c>).</summary>
internal sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>Chats handled at the same time (updates of one chat are always handled in order).</summary>
    [Range(1, 1024)]
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>Inline queries and button presses handled at the same time, apart from messages: they expire fast.</summary>
    [Range(1, 1024)]
    public int FastLaneConcurrency { get; set; } = 8;

    /// <summary>On stop, how long updates in hand may take to finish before the bot exits.</summary>
    [Range(0, 300)]
    public int ShutdownDeadlineSeconds { get; set; } = 10;

    /// <summary>
    /// How long one reply may spend waiting out Telegram's 429s, as often as they come; a reply is given up (logged)
    /// only when the next wait would overrun it, or Telegram refuses it for good (400, 403).
    /// </summary>
    [Range(1, 86_400)]
    public int ReplyBudgetSeconds { get; set; } = 300;

    /// <summary>Retries of a send that surely did not reach Telegram, or got a 5xx (429s do not count).</summary>
    [Range(0, 10)]
    public int SendRetries { get; set; } = 3;

    /// <summary>The first pause after a failed getUpdates; it doubles up to <see cref="PollBackoffMaxMilliseconds"/>.</summary>
    [Range(1, 60_000)]
    public int PollBackoffInitialMilliseconds { get; set; } = 1000;

    [Range(1, 600_000)]
    public int PollBackoffMaxMilliseconds { get; set; } = 30_000;

    /// <summary>
    /// How many recently handled update ids are remembered, so a redelivered update is not answered twice; with Redis,
    /// also how many ids handled while Redis was away are kept to be claimed there once it is back.
    /// </summary>
    [Range(100, 10_000_000)]
    public int HandledWindow { get; set; } = 10_000;

    /// <summary>Outgoing limits; off only for benchmarks.</summary>
    public bool RateLimitsEnabled { get; set; } = true;

    /// <summary>Messages per second to one chat (Telegram: about one).</summary>
    [Range(1, 10_000)]
    public int PerChatPerSecond { get; set; } = 1;

    /// <summary>
    /// Messages one chat may get at once before the per-second pace applies (with Redis, shared by all replicas: at
    /// most this many in any <c>PerChatBurst / PerChatPerSecond</c> seconds).
    /// </summary>
    [Range(1, 10_000)]
    public int PerChatBurst { get; set; } = 3;

    /// <summary>Messages per minute to one group or channel (Telegram: 20).</summary>
    [Range(1, 100_000)]
    public int PerGroupPerMinute { get; set; } = 20;

    /// <summary>Messages per second in all (Telegram: 30).</summary>
    [Range(1, 100_000)]
    public int GlobalPerSecond { get; set; } = 30;
}

[OptionsValidator]
internal sealed partial class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>;
