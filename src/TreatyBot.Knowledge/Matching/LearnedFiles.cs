using System.Runtime.InteropServices;

namespace TreatyBot.Knowledge.Matching;

/// <summary>
/// The classifier's cache folder: what <see cref="AveragedPerceptron"/> and <see cref="LetterGrams"/> learned, and the rest
/// of what <see cref="FactClassifier"/> learned in a file that names those two, kept between starts under names made of
/// a hash of all that went into them. A file that cannot be read or written is only a slower start.
/// </summary>
internal static class LearnedFiles
{
    /// <summary>
    /// How many files of a kind are kept, the last used first: a checkout, an installed copy and a base being edited.
    /// Each kind is pruned on its own, so a classifier file may outlive the perceptron's file it names: it is then
    /// learned again.
    /// </summary>
    private const int Kept = 3;

    /// <summary>
    /// No cache file is longer than this (a set of three is about 16 MiB): a longer one is not read, so that a damaged
    /// length or a file grown by mistake never asks for more memory than the bot has (its heap is capped at 256 MiB).
    /// </summary>
    public const long MaxLength = 64L << 20;

    /// <summary>The file of <paramref name="kind"/> learned under <paramref name="key"/> in <paramref name="cache"/> (the name <see cref="TryWrite"/> prunes by).</summary>
    public static string PathOf(string cache, string kind, byte[] key) => Path.Combine(cache, $"{kind}-{Convert.ToHexStringLower(key)}.bin");

    public static T[] Read<T>(Stream stream, int count)
        where T : unmanaged
    {
        var values = new T[count];
        stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    /// <summary>
    /// Marks a file read as used now, so that the newest files kept are those in use. A file that cannot be marked (one
    /// another user owns, say) was still read whole: only its age for pruning is lost.
    /// </summary>
    public static void Touch(string path)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, TimeProvider.System.GetUtcNow().UtcDateTime);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Kept at its old age: pruned sooner, read all the same.
        }
    }

    /// <summary>
    /// Writes <paramref name="path"/> through a file of its own, flushed to disk and moved into place whole, so that
    /// another process never reads half a file; then lets go of all but the <see cref="Kept"/> files named
    /// <c><paramref name="kind"/>-*.bin</c> last used, and of parts a killed process left an hour or more ago.
    /// </summary>
    public static void TryWrite(string path, string kind, Action<Stream> write)
    {
        var folder = Path.GetDirectoryName(path)!;
        var part = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.part";
        try
        {
            Directory.CreateDirectory(folder);
            using (var stream = File.Create(part))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(part, path, overwrite: true);
            var files = new DirectoryInfo(folder);
            foreach (var old in files.GetFiles($"{kind}-*.bin").OrderByDescending(f => f.LastWriteTimeUtc).Skip(Kept)
                .Concat(files.GetFiles($"{kind}-*.part").Where(f => f.LastWriteTimeUtc < TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(-1))))
            {
                old.Delete();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(part);
            }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException)
            {
                // The part stays; a later write lets go of it.
            }
        }
    }
}
