using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace TreatyBot.Knowledge.Matching;

/// <summary>
/// Questions, each with its label's number, kept end to end in blocks of characters: examples.tsv's tens of thousands
/// of questions are some thirty arrays, not a string each, and are hashed a block at a time (<see cref="AppendTo"/>).
/// </summary>
internal sealed class QuestionTexts
{
    /// <summary>The characters of one block. A question is never split between two; a longer one gets a block of its own.</summary>
    private const int BlockLength = 1 << 16;

    private readonly List<char[]> blocks = [];
    private readonly List<(int Block, int Start, int Length, int Label)> questions = [];
    private int used;

    /// <summary>How many questions there are.</summary>
    public int Count => questions.Count;

    /// <summary>Adds <paramref name="text"/> under the label numbered <paramref name="label"/>.</summary>
    public void Add(ReadOnlySpan<char> text, int label)
    {
        if (blocks.Count == 0 || used + text.Length > blocks[^1].Length)
        {
            blocks.Add(new char[Math.Max(BlockLength, text.Length)]);
            used = 0;
        }

        text.CopyTo(blocks[^1].AsSpan(used));
        questions.Add((blocks.Count - 1, used, text.Length, label));
        used += text.Length;
    }

    /// <summary>The text of question <paramref name="index"/>.</summary>
    public ReadOnlySpan<char> Text(int index)
    {
        var (block, start, length, _) = questions[index];
        return blocks[block].AsSpan(start, length);
    }

    /// <summary>The label's number of question <paramref name="index"/>.</summary>
    public int Label(int index) => questions[index].Label;

    /// <summary>Adds every question and label to <paramref name="hash"/>: any change to a text, its place or its label changes it.</summary>
    public void AppendTo(IncrementalHash hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        hash.AppendData(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(questions)));
        for (var b = 0; b < blocks.Count; b++)
        {
            hash.AppendData(MemoryMarshal.AsBytes(blocks[b].AsSpan(0, b == blocks.Count - 1 ? used : blocks[b].Length)));
        }
    }
}
