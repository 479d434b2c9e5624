using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Evaluation;
using TreatyBot.Storage;

namespace TreatyBot.Tests.Curation;

/// <summary>
/// The curation log as a curator meets it: the bot answers real questions in private chats and a group, and
/// <c>review</c> over its store shows what it could not answer well, grouped by likely fact with counts, most frequent
/// first; <c>review --tsv</c> gives rows the question bank reads; the file holds no user or chat id.
/// </summary>
public sealed partial class CurationLogTests(CuratedRun run) : IClassFixture<CuratedRun>
{
    [Fact]
    public void Review_AfterARun_ShowsEachQuestionTheBotFellShortOn_GroupedByLikelyFactWithCounts_MostFrequentFirst()
    {
        var (exitCode, output, error) = run.Review();
        TestContext.Current.TestOutputHelper?.WriteLine(output);

        Assert.True(exitCode == 0, error);
        Assert.StartsWith($"review: {run.ExpectedTotal} question(s) the bot could not answer well, all days kept", output, StringComparison.Ordinal);
        var groups = Groups(output);
        Assert.Equal(run.ExpectedTotal, groups.Sum(g => g.Count));
        Assert.Equal(groups.Select(g => g.Count).OrderByDescending(c => c), groups.Select(g => g.Count));
        foreach (var (@case, times, outcome, likely) in run.Logged)
        {
            var group = Assert.Single(groups, g => g.Name == (likely ?? "no fact fits"));
            Assert.Contains($"  {times,3}× [{@case.Language.Code()}] {@case.Question}  ({outcome})", group.Lines);
        }

        // The most asked question (three users, its spaces doubled, a group) is one line, counted five times.
        var top = run.Logged[0];
        Assert.Equal(5, top.Times);
        Assert.Contains($"  5× [{top.Case.Language.Code()}] {top.Case.Question}", output, StringComparison.Ordinal);
        Assert.All(run.NotLogged, question => Assert.DoesNotContain(question, output, StringComparison.Ordinal));
        Assert.Contains("Facts with the most 👎: none has any.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ReviewTsv_AfterARun_IsReadBackByTheQuestionBank_WithTheLikelyFactAndNoExpectation()
    {
        var (exitCode, output, error) = run.Review("--tsv");
        Assert.True(exitCode == 0, error);
        var file = Path.Combine(run.Folder, "review.tsv");
        File.WriteAllText(file, output);

        var cases = EvalCase.ReadTsv(file);

        Assert.Equal(run.Logged.Select(l => l.Case.Question).Order(StringComparer.Ordinal), cases.Select(c => c.Question).Order(StringComparer.Ordinal));
        foreach (var (@case, _, _, likely) in run.Logged)
        {
            var row = Assert.Single(cases, c => c.Question == @case.Question);
            Assert.Equal(likely is null ? EvalKind.Unknown : EvalKind.In, row.Kind);
            Assert.Equal(@case.Language, row.Language);
            Assert.Equal(likely, row.Fact);
            Assert.Empty(row.Expected);
        }

        Assert.Contains("expect is EMPTY", output, StringComparison.Ordinal);
        Assert.Equal(run.Logged[0].Case.Question, cases[0].Question);
    }

    [Fact]
    public void ReviewDays_OneDay_ShowsTodaysQuestions_AndNoStoreIsAnError()
    {
        var (_, today, _) = run.Review("--days", "1");
        using var empty = TemporaryFolder.Create("curation-");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = TreatyBot.Cli.CommandLine.TryRun(["review", "--storage", empty.Path], new StringReader(""), stdout, stderr);

        Assert.Contains($"review: {run.ExpectedTotal} question(s) the bot could not answer well, the last 1 day(s)", today, StringComparison.Ordinal);
        Assert.Equal(1, exitCode);
        Assert.Contains("no store at", stderr.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(empty.Path, SqliteDatabase.FileName)));
    }

    [Fact]
    public async Task Store_AfterARun_HoldsNoUserOrChatId_InAnyRowOrAnywhereInTheFile()
    {
        long[] ids = [.. run.Users, CuratedRun.GroupId];
        var file = Path.Combine(run.Folder, SqliteDatabase.FileName);
        Assert.False(File.Exists(file + "-wal") && new FileInfo(file + "-wal").Length > 0, "the stopped bot folded its WAL into the file");

        var bytes = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
        foreach (var id in ids)
        {
            foreach (var form in Encodings(id))
            {
                Assert.True(bytes.AsSpan().IndexOf(form) < 0, $"the id {id} is in the file");
            }
        }

        var values = await AllValuesAsync(file);
        Assert.True(values.Count >= run.ExpectedTotal * 6, "the rows were read");
        Assert.All(values, value => Assert.DoesNotContain(ids, id => Equals(value, id) || (value is string text && text.Contains(id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))));
    }

    /// <summary>An id as text, and as SQLite stores an integer: big-endian in 6 or 8 bytes (these ids need 5 or more).</summary>
    private static IEnumerable<byte[]> Encodings(long id)
    {
        yield return Encoding.UTF8.GetBytes(id.ToString(CultureInfo.InvariantCulture));
        var eight = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(eight, id);
        yield return eight;
        yield return eight[2..];
    }

    private static async Task<List<object>> AllValuesAsync(string file)
    {
        var values = new List<object>();
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=false");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await list.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("curation_log", tables);
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    values.Add(reader.GetValue(i));
                }
            }
        }

        return values;
    }

    /// <summary>The groups of review's text output: the header's name and count, and the question lines under it.</summary>
    private static List<(string Name, int Count, List<string> Lines)> Groups(string output)
    {
        var groups = new List<(string Name, int Count, List<string> Lines)>();
        foreach (var line in output.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.StartsWith("Facts with the most", StringComparison.Ordinal))
            {
                break;
            }

            if (Header().Match(line) is { Success: true } header)
            {
                groups.Add((header.Groups["name"].Value, int.Parse(header.Groups["count"].Value, CultureInfo.InvariantCulture), []));
            }
            else if (line.StartsWith("  ", StringComparison.Ordinal) && groups.Count > 0)
            {
                groups[^1].Lines.Add(line);
            }
        }

        return groups;
    }

    [GeneratedRegex(@"^(?<name>[^ ].*) — (?<count>\d+) \(")]
    private static partial Regex Header();
}
