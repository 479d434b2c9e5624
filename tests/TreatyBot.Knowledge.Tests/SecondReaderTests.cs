using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Facts;
using TreatyBot.Knowledge.Matching;

namespace TreatyBot.Tests.Knowledge;

/// <summary>
/// The classifier learned from the questions of examples.tsv seconds the matcher (decision 006): a half-sure guess it
/// agrees with is answered, a confident answer it disputes becomes a choice. Each case is checked against the same fact
/// base without examples.tsv, so the test shows what the examples change. The mechanisms themselves are shown on the
/// fact base with a few examples written here (<see cref="Taught"/>), which the bank's growth does not move; the rows of
/// the bank's own questions show them on the examples the bot ships with. These are the rules' uses of the classifier,
/// asked without the learned gate, which looks at the rules' answer last (decision 014, <see cref="AnswerGateTests"/>).
/// </summary>
public sealed class SecondReaderTests(FactBaseFixture knowledge) : IClassFixture<FactBaseFixture>
{
    [Theory]
    // A half-sure guess the classifier agrees with.
    [InlineData("кто от японцев договаривался о передаче власти на сахалине", AnswerKind.Partial, "protocol-a-alexandrovsk")]
    // The matcher finds no "volume" in the fact on the League of Nations' Treaty Series, though it gives the volume.
    [InlineData("which volume of the treaty series has the peking convention", AnswerKind.Partial, "league-registration")]
    // Molotov's profile answers "who was he", not "where does he fit": the matcher offers nothing; the classifier,
    // sure of the profile, answers.
    [InlineData("molotov keeps coming up, where does he fit in", AnswerKind.NoAnswer, "profile-molotov")]
    // The matcher offers options; the classifier is fairly sure which of them people mean (not sure enough to answer a
    // fact the matcher did not offer).
    [InlineData("Дата японской ратификации?", AnswerKind.Candidates, "convention-ratification")]
    // The matcher offers the protocol that liquidated the concessions with a caveat; the classifier reads the question as
    // the one on Japan's announcement of it.
    [InlineData("а в японии когда узнали что концессии отдали?", AnswerKind.Partial, "announcement-japan-1944")]
    // The matcher answers with the treaty as a whole; the classifier, far surer of the preamble, disputes it, and sure
    // enough to answer.
    [InlineData("Здравствуйте, какие цели провозглашались в преамбуле советско-японской конвенции?", AnswerKind.Fact, "preamble")]
    // The matcher ranks the oil contract first and the fact on its Japanese signatory, related to it, second; the
    // classifier is sure people ask the second so.
    [InlineData("japanese signatory of the oil concession?", AnswerKind.Fact, "oil-contract-signatory")]
    // «Билет на» marks travel questions, which the bot refuses; the classifier knows an exam ticket on Article I.
    [InlineData("билет на экзамен: статья I конвенции и установление дипотношений", AnswerKind.OutOfScope, "article-1")]
    public void Ask_QuestionTheExamplesTeach_IsAnsweredWithTheClassifiersFact(string question, AnswerKind without, string fact)
    {
        var before = WithoutExamples().Ask(question);

        var with = knowledge.Rules.Ask(question);

        Assert.Equal(without, before.Kind);
        Assert.Equal(AnswerKind.Fact, with.Kind);
        Assert.Equal(fact, with.Fact!.Id);
        Assert.Equal(fact, with.Match!.Learned!.Fact.Id);
    }

    [Theory]
    [InlineData("кто от японцев договаривался о передаче власти на сахалине")]
    [InlineData("билет на экзамен: статья I конвенции и установление дипотношений")]
    public void Unlearning_EveryExample_AnswersAsTheBaseWithoutExamples(string question)
    {
        using var copy = TestPaths.CopyOfResponses();
        var examples = File.ReadLines(Path.Combine(copy.Path, FactBaseLoader.ExamplesFile)).Where(l => !l.StartsWith('#')).Select(l => l.Split('\t')[2]);
        var unlearning = new Answerer(new Matcher(FactBaseLoader.Unlearning(knowledge.Facts, copy.Path, examples.ToHashSet(StringComparer.Ordinal))), gated: false);

        var answer = unlearning.Ask(question);

        var without = WithoutExamples().Ask(question);
        Assert.Equal(without.Kind, answer.Kind);
        Assert.Equal(without.Match!.Learned?.Fact.Id, answer.Match!.Learned?.Fact.Id);
        Assert.Equal(without.Match.Learned?.Margin, answer.Match.Learned?.Margin);
        Assert.NotEqual(AnswerKind.Fact, answer.Kind);
    }

    [Theory]
    [InlineData("кто от японцев договаривался о передаче власти на сахалине")]
    [InlineData("билет на экзамен: статья I конвенции и установление дипотношений")]
    public void WithoutExamples_AnswersAsTheBaseLoadedWithoutTheFile(string question)
    {
        // eval --cross builds its index on such a base, so that no classifier of all the examples is kept while each
        // batch's is learned.
        var derived = new Answerer(new Matcher(FactBaseLoader.WithoutExamples(knowledge.Facts)), gated: false).Ask(question);

        var without = WithoutExamples().Ask(question);
        Assert.Equal(without.Kind, derived.Kind);
        Assert.Equal(without.Fact?.Id, derived.Fact?.Id);
        Assert.Equal(without.Match!.Learned?.Fact.Id, derived.Match!.Learned?.Fact.Id);
        Assert.Equal(without.Match.Learned?.Margin, derived.Match.Learned?.Margin);
        Assert.NotEqual(knowledge.Rules.Ask(question).Match!.Learned?.Margin, derived.Match.Learned?.Margin);
    }

    [Theory]
    // The matcher answers with the Convention's entry into force. People who asked Protocol A's ratification in such
    // words make the classifier lead with it: by little, the bot asks which was meant; by a wider margin (more of them),
    // it answers with the fact they asked.
    [InlineData(0, AnswerKind.Fact, "entry-into-force")]
    [InlineData(6, AnswerKind.Candidates, "entry-into-force protocol-a-ratification")]
    [InlineData(10, AnswerKind.Fact, "protocol-a-ratification")]
    public void Ask_AnswerTheExamplesDispute_IsAskedAboutThenAnsweredAsTheyGrow(int asked, AnswerKind kind, string facts)
    {
        var answerer = Taught(Repeated(asked, "protocol-a-ratification",
            "когда протокол а вступил в силу", "вступление в силу протокола а", "с какого дня действует протокол а", "протокол а когда начал действовать"));

        var answer = answerer.Ask("как вступил в силу протокол а к договору с японией");

        Assert.Equal(kind, answer.Kind);
        Assert.Equal(facts, kind == AnswerKind.Candidates ? string.Join(' ', answer.Candidates.Select(c => c.Fact.Id)) : answer.Fact!.Id);
    }

    [Fact]
    public void Ask_WordingTheExamplesTeach_IsAnsweredWithTheirFact()
    {
        // Without examples the matcher offers the fact on Protocol A's transfer of power only with a caveat; four people
        // who asked it in other words are enough for the classifier to second it.
        const string question = "кто от японцев договаривался о передаче власти на сахалине";
        var taught = Taught(Repeated(4, "protocol-a-alexandrovsk",
            "кто вёл от японии переговоры о передаче управления сахалином", "японский представитель на переговорах о передаче сахалина кто",
            "с японской стороны кто договаривался о сдаче власти на острове", "кто представлял японцев когда передавали власть на сахалине"));

        var before = WithoutExamples().Ask(question);
        var after = taught.Ask(question);

        Assert.Equal((AnswerKind.Partial, "protocol-a-alexandrovsk"), (before.Kind, before.Fact!.Id));
        Assert.Equal((AnswerKind.Fact, "protocol-a-alexandrovsk"), (after.Kind, after.Fact!.Id));
    }

    [Fact]
    public void Ask_FitFactTheExamplesFindFarLikelier_AnswersInsteadOfTheMatchersFirst()
    {
        const string question = "Почему СССР пошёл на этот договор?";
        var without = WithoutExamples().Ask(question);

        var with = knowledge.Rules.Ask(question);

        Assert.Equal("japan-gains-assessment", without.Fact?.Id);
        Assert.Equal(AnswerKind.Fact, with.Kind);
        Assert.Equal("why-each-side-wanted", with.Fact!.Id);
    }

    [Fact]
    public void Ask_GuessTheClassifierBarelyPrefers_IsAnsweredWhenItIsSureTheQuestionIsOnAFact()
    {
        // Two people asked the transfer of power so: the classifier now finds the matcher's half-sure guess likeliest, by
        // too little to agree outright, but far ahead of "another subject" and "a detail no source gives".
        var answer = Taught(Repeated(2, "protocol-a-alexandrovsk",
            "кто вёл от японии переговоры о передаче управления сахалином", "японский представитель на переговорах о передаче сахалина кто"))
            .Ask("кто от японцев договаривался о передаче власти на сахалине");

        Assert.InRange(answer.Match!.Learned!.Margin, 0, 2);
        Assert.True(answer.Match.Learned.Lead >= 6);
        Assert.Equal((AnswerKind.Fact, "protocol-a-alexandrovsk"), (answer.Kind, answer.Fact!.Id));
    }

    [Fact]
    public void Learn_QuestionsReadersJudgedAnotherFactToAnswer_AreNotLearnedAgainstThatFact()
    {
        // People asked how long the talks went on; readers judged that the fact on their start (which gives both dates)
        // answers that too. Taught so (examples.tsv's fourth column), the classifier still reads such a question as one on
        // the talks' length, but it has not learned to rank the start far below it: either fact is an answer.
        string[] asked =
        [
            "сколько длились переговоры карахана и ёсидзавы", "как долго шли переговоры в пекине", "сколько времени заняли переговоры о конвенции",
            "долго ли договаривались ссср и япония в пекине",
        ];
        const string question = "сколько месяцев шли переговоры карахана с ёсидзавой";

        var alone = TaughtLines(asked.Select(q => $"talks-duration\tru\t{q}")).Matcher.Match(question).Learned!;
        var judged = TaughtLines(asked.Select(q => $"talks-duration\tru\t{q}\tnegotiations-start")).Matcher.Match(question).Learned!;

        Assert.Equal(("talks-duration", "talks-duration"), (alone.Fact.Id, judged.Fact.Id));
        Assert.True(judged.Margin < alone.Margin, $"{judged.Margin} < {alone.Margin}");
    }

    [Fact]
    public void Ask_QuestionTheExamplesReadAsAskingForAMissingDetail_GetsTheFactWithTheCaveat()
    {
        // Nothing in the sources counts the dead of the evacuation; the matcher alone answers with the evacuation. Four
        // questions on the dead, each marked as asking what no source gives, teach the classifier to doubt it.
        const string question = "Сколько японских солдат погибло при эвакуации с Сахалина?";
        var taught = Taught(Repeated(4, FactBaseLoader.NotInSourcesExample,
            "сколько японцев погибло при выводе войск", "были ли потери при эвакуации японцев с сахалина",
            "число погибших японских солдат на сахалине", "сколько солдат японии умерло при уходе"));

        var without = WithoutExamples().Ask(question);
        var with = taught.Ask(question);

        Assert.Equal(AnswerKind.Fact, without.Kind);
        Assert.Equal(AnswerKind.Partial, with.Kind);
        Assert.Equal(without.Fact!.Id, with.Fact!.Id);
        Assert.Equal(knowledge.Facts.Texts.Get("partial", Language.Ru), with.Reply);
    }

    [Fact]
    public void Ask_QuestionTheClassifierFindsAsLikelyOnAMissingDetail_GetsTheFactWithTheCaveat()
    {
        // Two people asked what the Japanese left behind on Sakhalin, which no source tells. Asked once more in other
        // words, the classifier finds "a detail no source gives" about as likely as any fact (a lead between -1 and 0):
        // the matcher's fact on Protocol A comes with the caveat, not as the answer (round 24: it took a lead of -1).
        // (Round 37 named Protocol A in the evacuation's answer, which the classifier learns: «…уходя в 1925 году?»,
        // asked before, now leads by -1.2 and is no longer the case this test needs.)
        const string question = "Что японцы оставили на Северном Сахалине, уходя оттуда?";
        var taught = Taught((FactBaseLoader.NotInSourcesExample, "что японцы бросили на сахалине при уходе"), (FactBaseLoader.NotInSourcesExample, "японцы оставили что-нибудь"));

        var without = WithoutExamples().Ask(question);
        var with = taught.Ask(question);

        Assert.Equal(AnswerKind.Fact, without.Kind);
        Assert.InRange(with.Match!.Learned!.Lead, -1, 0);
        Assert.Equal((AnswerKind.Partial, without.Fact!.Id), (with.Kind, with.Fact!.Id));
        Assert.Equal(knowledge.Facts.Texts.Get("partial", Language.Ru), with.Reply);
    }

    [Theory]
    // A plain question on a person, read by the classifier as asking for a detail no source gives (people asked which
    // post many an official held, which the sources mostly do not say; of Gotō's post in 1923 they say nothing): the
    // matcher's fact comes, with the caveat, not as the answer (docs/answer-quality.md, round 17).
    [InlineData("Гото тогда кем работал, министром?", "profile-goto")]
    public void Ask_QuestionTheClassifierDoubts_GetsTheMatchersFactWithTheCaveat(string question, string fact)
    {
        var answer = knowledge.Rules.Ask(question);

        Assert.Equal(AnswerKind.Partial, answer.Kind);
        Assert.Equal(fact, answer.Fact!.Id);
        Assert.Equal(knowledge.Facts.Texts.Get("partial", answer.Language), answer.Reply);
    }

    [Fact]
    public void Ask_QuestionOnAnotherSubjectSharingTheTopicsWords_IsNotAnsweredOnTheClassifiersWord()
    {
        // Okha is a fact's subject, but a tourist's question about it is not about the treaty: the examples of other
        // subjects outweigh the fact, so the matcher's half-sure guess stays a guess.
        var answer = knowledge.Rules.Ask("Что посмотреть в Охе туристу зимой?");

        Assert.NotEqual(AnswerKind.Fact, answer.Kind);
        Assert.True(answer.Match!.Learned is not { } learned || learned.Lead < 4);
    }

    [Fact]
    public void Matcher_QuestionWithNoWordEverSeen_HasNoLearnedGuess()
    {
        var match = knowledge.Matcher.Match("zzqx wvvk");

        Assert.Null(match.Learned);
    }

    [Fact]
    public void ExamplesFile_HoldsEveryTuningQuestionAsMakeExamplesWritesItAndNoHeldOutOne()
    {
        var examples = Rows(Path.Combine(TestPaths.Responses, FactBaseLoader.ExamplesFile)).Select(c => (c[0], c[1], c[2], c.ElementAtOrDefault(3) ?? "")).ToList();
        var silent = knowledge.Facts.Facts.Where(f => f.Location.File.EndsWith("13-not-in-sources.yaml", StringComparison.Ordinal)).Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        var expected = Rows(TestPaths.TuningSet).Select(c => c switch
        {
            ["in", var language, var question, _, var fact, ..] when knowledge.Facts.Find(fact) is not null => (fact, language, question, Also(c, fact)),
            ["unknown", var language, var question, _, var fact, ..] when silent.Contains(fact) => (fact, language, question, ""),
            ["unknown", var language, var question, ..] => (FactBaseLoader.NotInSourcesExample, language, question, ""),
            ["out", var language, var question, ..] => (FactBaseLoader.OutOfScopeExample, language, question, ""),
            _ => default,
        }).Where(row => row != default).ToList();
        var heldOut = Directory.GetFiles(TestPaths.HeldOut, "*.tsv").SelectMany(Rows).Select(c => Normalize(c[2])).Where(q => q.Count(c => c == ' ') >= 3).ToList();

        // In the tuning part's order, without those that hold a held-out question (make-examples.py leaves them out).
        Assert.Equal(expected.Where(examples.ToHashSet().Contains), examples);
        Assert.All(expected.Except(examples), row => Assert.Contains(heldOut, h => Normalize(row.Item3).Contains(h, StringComparison.Ordinal)));
        Assert.InRange(examples.Count, expected.Count * 9 / 10, expected.Count);

        // The other facts readers judged to answer an in-scope question (+id in the sixth column), in order of their ids.
        string Also(string[] line, string fact) => string.Join(',', (line.ElementAtOrDefault(5) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(v => v.StartsWith('+') && v[1..] != fact && knowledge.Facts.Find(v[1..]) is not null).Select(v => v[1..]).Distinct().Order(StringComparer.Ordinal));
    }

    /// <summary>The fact base with only <paramref name="examples"/> in examples.tsv.</summary>
    private static Answerer Taught(params (string Label, string Question)[] examples) =>
        TaughtLines(examples.Select(e => $"{e.Label}\tru\t{e.Question}"));

    /// <summary>The fact base with only these lines in examples.tsv.</summary>
    private static Answerer TaughtLines(IEnumerable<string> lines)
    {
        using var copy = TestPaths.CopyOfResponses();
        File.WriteAllLines(Path.Combine(copy.Path, FactBaseLoader.ExamplesFile), lines);
        return new Answerer(new Matcher(FactBaseLoader.Load(copy.Path)), gated: false);
    }

    /// <summary><paramref name="count"/> questions under <paramref name="label"/>, the wordings taken in turn (people ask alike).</summary>
    private static (string Label, string Question)[] Repeated(int count, string label, params string[] wordings) =>
        [.. Enumerable.Range(0, count).Select(i => (label, wordings[i % wordings.Length]))];

    private static string Normalize(string text) =>
        string.Join(' ', text.ToLowerInvariant().Replace('ё', 'е').Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static IEnumerable<string[]> Rows(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t'));

    private static Answerer WithoutExamples()
    {
        using var copy = TestPaths.CopyOfResponses();
        File.Delete(Path.Combine(copy.Path, FactBaseLoader.ExamplesFile));
        return new Answerer(new Matcher(FactBaseLoader.Load(copy.Path)), gated: false);
    }
}
