using System.Buffers.Binary;
using System.Security.Cryptography;

namespace TreatyBot.Storage;

/// <summary>
/// The one-way keyed hash a feedback store keeps instead of ids: HMAC-SHA256, keyed with a random secret of the
/// installation, over the chat id, message id and user id. The same person pressing under the same message gets the same
/// key (so a second press changes their vote); no id can be read back from it, and keys of two installations (or of one
/// person under two messages) cannot be linked. The secret is kept by the store beside the keys (in the SQLite file; in
/// Redis, one key every replica reads, so that one person's presses on two replicas get the same key): whoever holds it
/// too can test a guessed id against a key. A key is a pseudonym, not anonymity — README, Privacy.
/// </summary>
internal static class VoterKey
{
    /// <summary>The length of a secret, and of a key.</summary>
    public const int Length = 32;

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(Length);

    public static byte[] Compute(ReadOnlySpan<byte> secret, Voter voter)
    {
        Span<byte> data = stackalloc byte[3 * sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(data, voter.ChatId);
        BinaryPrimitives.WriteInt64BigEndian(data[8..], voter.MessageId);
        BinaryPrimitives.WriteInt64BigEndian(data[16..], voter.UserId);
        return HMACSHA256.HashData(secret, data);
    }
}
