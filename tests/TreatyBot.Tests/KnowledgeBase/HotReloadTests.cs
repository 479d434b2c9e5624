using Microsoft.Extensions.DependencyInjection;
using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Facts;
using TreatyBot.KnowledgeBase;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.Tests.KnowledgeBase;

/// <summary>A running bot picks up edits to responses/ without a restart, and refuses a broken edit.</summary>
public sealed class HotReloadTests
{
    [Fact]
    public async Task EditedFact_IsAnsweredWithoutRestart_AndABrokenEditKeepsTheLastGoodBase()
    {
        using var copy = TestPaths.CopyOfResponses();
        var folder = copy.Path;
        // Every reload learns the classifier again: without the bank's examples that takes a moment, not seconds each.
        File.Delete(Path.Combine(folder, FactBaseLoader.ExamplesFile));
        var logs = new CapturingLoggerProvider();
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api, logs: logs, responses: folder);
        var store = bot.Services.GetRequiredService<KnowledgeStore>();
        var file = Path.Combine(folder, "facts", "01-identity.yaml");
        var original = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        await Eventually.UntilAsync(() => logs.Lines.Any(l => l.Contains("Watching", StringComparison.Ordinal)));

        // A curator adds a fact.
        await WriteCuratorFactAsync(folder, "Горячая загрузка работает.", "Hot reload works.");
        await Eventually.UntilAsync(() => store.Facts.Find("curator-test-entry") is not null);

        api.EnqueueText(userId: 31, "абракадабра");
        var reply = Assert.Single(await api.WaitForAsync("sendMessage", 1));
        Assert.Contains("Горячая загрузка работает", reply.Text, StringComparison.Ordinal);

        // Then rewords it: the answer already given once (and kept rendered) is replaced by the new wording.
        await WriteCuratorFactAsync(folder, "Горячая загрузка работает и после правки.", "Hot reload works after an edit too.");
        await Eventually.UntilAsync(() => store.Facts.Find("curator-test-entry")?.Answer[Language.Ru].Contains("после правки", StringComparison.Ordinal) == true);
        api.EnqueueText(userId: 33, "абракадабра");
        var reworded = (await api.WaitForAsync("sendMessage", 2))[1];
        Assert.Contains("работает и после правки", reworded.Text, StringComparison.Ordinal);

        // Then breaks a file: the bot logs the problem with file and line and keeps answering from the last good base.
        await File.WriteAllTextAsync(file, original.Replace("status: solid", "status: certain", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        await Eventually.UntilAsync(() => logs.Lines.Any(l => l.Contains("01-identity.yaml:", StringComparison.Ordinal) && l.Contains("certain", StringComparison.Ordinal)));
        Assert.NotNull(store.Facts.Find("curator-test-entry"));

        api.EnqueueText(userId: 32, "Когда подписан Пекинский договор?");
        var second = (await api.WaitForAsync("sendMessage", 3))[2];
        Assert.Contains("20 января 1925", second.Text, StringComparison.Ordinal);
    }

    /// <summary>The fact a curator adds (or rewords) in facts/50-curator.yaml, found by the word «абракадабра».</summary>
    private static Task WriteCuratorFactAsync(string folder, string answerRu, string answerEn) =>
        File.WriteAllTextAsync(Path.Combine(folder, "facts", "50-curator.yaml"), $$"""
            - id: curator-test-entry
              topic: dates
              title: { ru: Проверка горячей загрузки, en: Hot reload check }
              answer: { ru: {{answerRu}}, en: {{answerEn}} }
              status: solid
              sources: [{ ref: ruwiki-peking-1925 }]
              keywords: { ru: [абракадабра], en: [abracadabra] }
            """, TestContext.Current.CancellationToken);
}
