using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TreatyBot.Hosting;
using TreatyBot.Knowledge;
using TreatyBot.Telegram;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.Tests.Security;

public sealed class TmpProfile
{
    [Fact]
    public async Task Profile()
    {
        var store = new KnowledgeStore(TestPaths.Responses);
        var facts = store.Facts;
        List<string> q = [.. facts.Texts.List("examples", Language.Ru), .. facts.Facts.SelectMany(f => new[] { f.Title.Ru, f.Title.En }), "договор"];
        var input = new FuzzInput(19_250_120, q);
        var byKind = new Dictionary<string, (int N, long Ticks)>();
        var sw = new Stopwatch();
        for (var i = 0; i < 12000; i++)
        {
            var c = input.Next(i);
            if (c.Text is null || c.Kind is FuzzKind.Button) continue;
            sw.Restart();
            if (c.Kind == FuzzKind.Inline) store.Answerer.Search(c.Text, 50); else store.Answerer.Ask(c.Text);
            sw.Stop();
            var key = c.Kind + (c.Text.Length > 1000 ? "-long" : "");
            var (n, t) = byKind.GetValueOrDefault(key);
            byKind[key] = (n + 1, t + sw.ElapsedTicks);
        }
        await File.WriteAllLinesAsync("/tmp/profile.txt", byKind.Select(kv => $"{kv.Key}: {kv.Value.N} cases, {kv.Value.Ticks * 1000.0 / Stopwatch.Frequency:F0} ms, {kv.Value.Ticks * 1000.0 / Stopwatch.Frequency / kv.Value.N:F2} ms each"), TestContext.Current.CancellationToken);
    }
}
