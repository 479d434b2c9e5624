using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using TreatyBot.Benchmarks;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.LoadBench;

/// <summary>What one load run saw: how many questions got their reply, how fast, and how long each waited.</summary>
public sealed record LoadResult(int Questions, int Answered, int Duplicates, int Rejected, int Messages, TimeSpan Elapsed, IReadOnlyList<double> LatenciesMs)
{
    /// <summary>Answered questions per second, from the first question offered to the last reply.</summary>
    public double PerSecond => Elapsed > TimeSpan.Zero ? Answered / Elapsed.TotalSeconds : 0;

    public double P50Ms => Stats.Percentile([.. LatenciesMs], 50);

    public double P99Ms => Stats.Percentile([.. LatenciesMs], 99);

    /// <summary>Every question got exactly one reply (a long answer's later parts are further messages, not replies).</summary>
    public bool EveryQuestionAnsweredOnce => Answered == Questions && Duplicates == 0 && Rejected == 0;

    /// <summary>CPU time of the whole process (bot, fake and driver when in-process) per question; 0 when not measured.</summary>
    public double CpuMsPerQuestion { get; init; }

    /// <summary>Managed memory allocated in the whole process per question, in KiB; 0 when not measured.</summary>
    public double KbAllocatedPerQuestion { get; init; }

    /// <summary>Gen-0 garbage collections in the whole process during the run.</summary>
    public int Gen0Collections { get; init; }

    /// <summary>The warm-up before the run.</summary>
    public Warmup Warmup { get; init; } = new(0, Settled: true);
}

/// <summary>How many unmeasured questions a run had before it, and whether the JIT had settled by then.</summary>
public sealed record Warmup(int Questions, bool Settled)
{
    public override string ToString() => Settled ? $"{Questions}" : $"{Questions} (JIT still compiling)";
}

/// <summary>
/// Feeds questions to a bot through the fake Bot API, as <c>chats</c> users each asking their next question as soon as
/// the previous one is answered (a closed loop: the load is as high as the bot can take, and no question waits behind
/// a queue the harness built). Latency runs from the moment an update is in the fake's queue — a getUpdates would
/// return it — to the moment the sendMessage that replies to it arrives at the fake.
/// </summary>
public static class LoadDriver
{
    private static int nextMessageId = 10_000_000;
    private static long nextChatId = 5_000_000_000;

    public static async Task<LoadResult> RunAsync(FakeBotApi api, int questions, int chats, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentOutOfRangeException.ThrowIfLessThan(questions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chats, 1);
        chats = Math.Min(chats, questions);

        // Fresh chat ids for every run, so nothing the bot remembers per chat carries over.
        var firstChat = Interlocked.Add(ref nextChatId, chats) - chats;
        var queues = Enumerable.Range(0, chats)
            .Select(c => new Queue<int>(Enumerable.Range(0, questions).Where(i => i % chats == c)))
            .ToArray();
        var offered = new ConcurrentDictionary<int, (int Index, long At)>();
        var answered = new ConcurrentDictionary<int, bool>();
        var latencies = new double[questions];
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int replies = 0, duplicates = 0, rejected = 0, messages = 0, finished = 0;
        long last = 0;

        void Offer(int chat)
        {
            int index;
            lock (queues[chat])
            {
                if (!queues[chat].TryDequeue(out index))
                {
                    return;
                }
            }

            var question = Question.Mix[index % Question.Mix.Count];
            var messageId = Interlocked.Increment(ref nextMessageId);
            var chatId = firstChat + chat;
            var update = new JsonObject
            {
                ["message"] = new JsonObject
                {
                    ["message_id"] = messageId,
                    ["date"] = 1_700_000_000,
                    ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = "private", ["first_name"] = "Load" },
                    ["from"] = FakeBotApi.User(chatId, question.LanguageCode),
                    ["text"] = question.Text,
                },
            };
            offered[messageId] = (index, Stopwatch.GetTimestamp());
            api.Enqueue(update);
        }

        void Finish()
        {
            if (Interlocked.Increment(ref finished) == questions)
            {
                done.TrySetResult();
            }
        }

        void OnCall(RecordedCall call)
        {
            if (!string.Equals(call.Method, "sendMessage", StringComparison.OrdinalIgnoreCase)
                || call.ChatId is not { } chatId || chatId < firstChat || chatId >= firstChat + chats)
            {
                return;
            }

            var now = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref messages);
            if (call.Body["reply_parameters"]?["message_id"]?.GetValue<int>() is not { } replyTo)
            {
                return;
            }

            if (!offered.TryRemove(replyTo, out var question))
            {
                if (answered.ContainsKey(replyTo))
                {
                    Interlocked.Increment(ref duplicates);
                }

                return;
            }

            answered[replyTo] = true;
            if (call.Failed)
            {
                Interlocked.Increment(ref rejected);
            }
            else
            {
                latencies[question.Index] = Stopwatch.GetElapsedTime(question.At, now).TotalMilliseconds;
                Interlocked.Increment(ref replies);
                InterlockedMax(ref last, now);
            }

            Offer((int)(chatId - firstChat));
            Finish();
        }

        api.Recorded += OnCall;
        try
        {
            var start = Stopwatch.GetTimestamp();
            for (var chat = 0; chat < chats; chat++)
            {
                Offer(chat);
            }

            try
            {
                await done.Task.WaitAsync(timeout);
            }
            catch (TimeoutException)
            {
                // Reported as unanswered questions; the caller decides what that means.
            }

            var end = Interlocked.Read(ref last);
            var elapsed = end > start ? Stopwatch.GetElapsedTime(start, end) : Stopwatch.GetElapsedTime(start);
            var measured = Enumerable.Range(0, questions).Where(i => latencies[i] > 0).Select(i => latencies[i]).ToArray();
            return new LoadResult(questions, replies, duplicates, rejected, messages, elapsed, measured);
        }
        finally
        {
            api.Recorded -= OnCall;
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        for (var current = Interlocked.Read(ref target); value > current; current = Interlocked.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }
}
