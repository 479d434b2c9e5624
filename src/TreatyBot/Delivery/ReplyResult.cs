using Telegram.Bot.Exceptions;

namespace TreatyBot.Delivery;

/// <summary>
/// What became of a reply: how many of its <paramref name="Parts"/> messages went out, and, when Telegram refused one
/// for good, its refusal (400 or 403; null when the reply was delivered, or stopped for another reason — retries or
/// the time budget spent).
/// </summary>
internal readonly record struct ReplyResult(int Sent, int Parts, ApiRequestException? Refusal)
{
    /// <summary>Every part went out.</summary>
    public bool Complete => Sent == Parts;
}
