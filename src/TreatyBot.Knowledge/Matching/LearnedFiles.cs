using System.Runtime.InteropServices;

namespace TreatyBot.Knowledge.Matching;

/// <summary>
/// The classifier's cache folder: what <see cref="AveragedPerceptron"/> and <see cref="LetterGrams"/> learned, kept
/// between starts under a name made of a hash of all that went into it. A file that cannot be read or written is only a
/// slower start.
/// </summary>
internal static class LearnedFiles
{
    /// <summary>How many files of a kind are kept, the last used first: a checkout, an installed copy and a base being edited.</summary>
    private const int Kept = 3;

    public static T[] Read<T>(Stream stream, int count)
        where T : unmanaged
    {
        var values = new T[count];
        stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    /// <summary>Marks a file read as used now, so that the newest files kept are those in use.</summary>
    public static void Touch(string path) => File.SetLastWriteTimeUtc(path, TimeProvider.System.GetUtcNow().UtcDateTime);

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
