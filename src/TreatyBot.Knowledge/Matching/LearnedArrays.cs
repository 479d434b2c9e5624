using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace TreatyBot.Knowledge.Matching;

/// <summary>
/// Writes arrays to a cache file one after another, each after its length, and hashes them as they go; the hash ends
/// the file (<see cref="WriteHash"/>), so that <see cref="LearnedArrayReader"/> never takes a damaged file for what was
/// learned.
/// </summary>
internal sealed class LearnedArrayWriter(Stream stream) : IDisposable
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public void Write<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        Span<byte> length = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(length, values.Length);
        Put(length);
        Put(MemoryMarshal.AsBytes(values));
    }

    /// <summary>Ends the file with the hash of all that was written (once, after the last array).</summary>
    public void WriteHash() => stream.Write(hash.GetHashAndReset());

    public void Dispose() => hash.Dispose();

    private void Put(ReadOnlySpan<byte> bytes)
    {
        stream.Write(bytes);
        hash.AppendData(bytes);
    }
}

/// <summary>
/// Reads the arrays a <see cref="LearnedArrayWriter"/> wrote. An array whose length is negative, or longer than what is
/// left of the file, is not read (nothing is allocated for it): the reader is then <see cref="Broken"/>. The caller
/// checks the file's length against <see cref="LearnedFiles.MaxLength"/> first, and <see cref="HashMatches"/> last.
/// </summary>
internal sealed class LearnedArrayReader(Stream stream) : IDisposable
{
    private const int HashLength = 32;

    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Whether an array could not be read: each one after returns empty.</summary>
    public bool Broken { get; private set; }

    /// <summary>The next array; empty when it cannot be read, or when it is not <paramref name="length"/> long where one is asked.</summary>
    public T[] Read<T>(int? length = null)
        where T : unmanaged
    {
        Span<byte> prefix = stackalloc byte[sizeof(int)];
        if (Broken || stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false) < prefix.Length)
        {
            Broken = true;
            return [];
        }

        hash.AppendData(prefix);
        var count = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        var left = stream.Length - stream.Position - HashLength;
        if (count < 0 || (long)count * Unsafe.SizeOf<T>() > left || (length is { } want && count != want))
        {
            Broken = true;
            return [];
        }

        var values = LearnedFiles.Read<T>(stream, count);
        hash.AppendData(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    /// <summary>Whether every array was read and the file ends, right after them, with their hash (asked once, after the last array).</summary>
    public bool HashMatches()
    {
        if (Broken || stream.Length - stream.Position != HashLength)
        {
            return false;
        }

        Span<byte> stored = stackalloc byte[HashLength];
        stream.ReadExactly(stored);
        return hash.GetHashAndReset().AsSpan().SequenceEqual(stored);
    }

    public void Dispose() => hash.Dispose();
}
