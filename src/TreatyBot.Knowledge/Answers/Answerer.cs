using System.Collections.Frozen;
using System.Globalization;
using TreatyBot.Knowledge.Facts;
using TreatyBot.Knowledge.Matching;

namespace TreatyBot.Knowledge.Answers;

/// <summary>
/// Turns a question into an <see cref="Answer"/>: a fact when one fits clearly, "did you mean" when the best two fit
/// about equally or the best fits only half-way, a polite refusal for other subjects, and "I don't know" otherwise.
/// The same for Telegram and the terminal.
/// </summary>
/// <param name="matcher">The matcher of the fact base, whose <see cref="FactBase.Gate"/> takes the last look.</param>
/// <param name="gated">
/// Whether the learned gate takes the last look at each answer (when the base has one); without it the hand-built rules
/// decide alone, as <c>eval --features</c> asks them, to learn the gate from.
/// </param>
public sealed class Answerer(Matcher matcher, bool gated = true)
{
    /// <summary>Below this score the bot does not trust a match.</summary>
    public const double Threshold = 0.5;

    /// <summary>Below <see cref="Threshold"/> but above this, the bot offers its best guesses instead of an answer.</summary>
    public const double CandidateThreshold = 0.3;

    /// <summary>
    /// When a runner-up ranks within this share of the best, the bot asks which one was meant, unless the two facts
    /// are alike (<see cref="Matcher.AreAlike"/>): then either answers the question.
    /// </summary>
    public const double AmbiguityMargin = 0.03;

    private const int MaxCandidates = 3;

    /// <summary>A message that asks several questions gets at most this many facts at once.</summary>
    private const int MaxQuestions = 3;

    /// <summary>A question of a message that asks several names at least this many things, or asks who, when, where….</summary>
    private const int MinQuestionTerms = 2;

    /// <summary>Words that point back at what a sentence before named: a sentence with one is not asked on its own.</summary>
    private static readonly FrozenSet<string> PointingBack = FrozenSet.ToFrozenSet(
        ["его", "её", "ее", "их", "он", "она", "оно", "они", "это", "этот", "эта", "эти", "этого", "этой", "этом", "там", "тот", "та", "то", "тогда",
         "it", "its", "that", "this", "these", "those", "they", "them", "there", "then"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>A "did you mean" option ranks at least this share of the best: far weaker guesses are not offered.</summary>
    private const double CandidateRankShare = 0.5;

    /// <summary>
    /// A fact that covers this share of the question's known words, when the rest are words no fact uses, is on the
    /// topic of a detail the sources lack: it is offered with a caveat.
    /// </summary>
    private const double PartialKnown = 0.7;

    /// <summary>
    /// A yes/no question is answered "yes" only by a fact that covers at least this much of it: the check is of its date
    /// or place, so the rest of what it proposes («…Пекинский договор денонсировал…») must be the fact's too. A weak fact
    /// (one source, unconfirmed) never says "yes": its own text says how far it can be trusted.
    /// </summary>
    private const double ConfirmScore = 0.9;

    /// <summary>Asked who someone is, that one's profile answers when it ranks this many times any other fact.</summary>
    private const double ProfileLead = 2;

    /// <summary>Below this score even a fact on the topic is not offered.</summary>
    private const double PartialFloor = 0.15;

    /// <summary>
    /// When the classifier learned from people's questions leads with another fact by this much, the two readers
    /// disagree: the bot asks which was meant instead of answering (<see cref="FactClassifier"/>). It was 4.5 before the
    /// classifier had its perceptron, whose guesses are surer to be right when it disputes (round 19).
    /// </summary>
    private const double DisagreeMargin = 3;

    /// <summary>
    /// When the classifier leads with another fact by this much and the matcher scored that fact above
    /// <see cref="Threshold"/> too (holding the detail and kind asked), that fact answers: the matcher had it, but ranked
    /// a neighbour first.
    /// </summary>
    private const double SwapMargin = 2;

    /// <summary>
    /// A fact the matcher finds on the topic but without the detail or kind asked answers when the classifier leads the
    /// next fact with it by this much...
    /// </summary>
    private const double SureMargin = 7;

    /// <summary>...and leads "another subject" and "a detail no source gives" by this much.</summary>
    private const double SureLead = 15;

    /// <summary>
    /// A yes/no question nothing answered as if sure is answered "no" by the classifier's fact when that fact refutes what
    /// it proposes and the classifier leads the next fact with it by this much (and the other classes by
    /// <see cref="RescueLead"/>).
    /// </summary>
    private const double RefuteMargin = 4;

    /// <summary>
    /// A question the matcher can offer nothing for is answered by the classifier's fact when it leads the next fact by
    /// <see cref="SwapMargin"/> and "another subject" and "a detail no source gives" by this much.
    /// </summary>
    private const double RescueLead = 5;

    /// <summary>
    /// When the classifier finds "another subject" or "a detail no source gives" likelier than any fact by this much, a
    /// confident answer is given with the caveat instead... It was 1 until the classifier learned which other facts
    /// answer its questions as well (round 24): then at least as likely is enough. Out of sample on the tuning part,
    /// judged, 0 gave 11 fewer right answers than 1 and 14 fewer wrong ones, and 10 more questions on other subjects or
    /// missing details were not answered as if a fact held them.
    /// </summary>
    private const double DoubtLead = 0;

    /// <summary>
    /// ...unless the fact covers this much of the question's meaning: then the matcher's reading stands, whatever the
    /// classifier makes of the question's other words.
    /// </summary>
    private const double DoubtScore = 0.92;

    /// <summary>
    /// A question with more than this share of its weight in words no fact uses is not answered on the classifier's
    /// word alone («Я воспитатель… Как приготовить борщ?»): it may know the asker's story, not the question.
    /// </summary>
    private const double RescueUnknownShare = 0.7;

    /// <summary>
    /// Options to choose from give way to the classifier's fact when it leads the next fact by this much.
    /// </summary>
    private const double ChoiceMargin = 10;

    /// <summary>
    /// One of the options answers when the classifier leads the next fact with it by this much...
    /// </summary>
    private const double OptionMargin = 5;

    /// <summary>...and "another subject" and "a detail no source gives" by this much.</summary>
    private const double OptionLead = 8;

    /// <summary>
    /// A fact offered with a caveat gives way to another the classifier leads the next fact with by this much...
    /// </summary>
    private const double HedgeMargin = 5;

    /// <summary>...and "another subject" and "a detail no source gives" by this much.</summary>
    private const double HedgeLead = 8;

    /// <summary>
    /// A question nothing the matcher ranked answers is answered by the classifier's fact when it leads the next fact by
    /// this much (and the other classes by <see cref="RescueLead"/>), however the matcher read that fact.
    /// </summary>
    private const double RescueMargin = 5;

    /// <summary>
    /// A question holding a word that marks another subject is not refused when the classifier leads the next fact by
    /// <see cref="RescueMargin"/> and "another subject" and "a detail no source gives" by this much, or by
    /// <see cref="RescueLead"/> when it names a person or a place of the lexicon («Ёсидзаву назначил премьер-министр?»,
    /// "What did Vyshinsky say about the price?": out of sample on the tuning part, 7 more right answers and 1 more wrong).
    /// At 10 rather than 15 (round 53), "Was Nakasato the president of Kita Karafuto Sekiyu?" is answered while "who is
    /// the president of Japan" (4.6) stays refused: out of sample on the tuning part 6 more right answers, no more wrong
    /// and no other-subject question answered; at 7, 10 more right and 1 more wrong.
    /// </summary>
    private const double RefusalLead = 10;

    /// <summary>
    /// How far "another subject" must lead every fact in the classifier for a question of words no fact uses to be told
    /// it is outside the subject (<see cref="OtherSubject"/>) rather than "I found no answer": at 10 (15 before round 53),
    /// «Расскажи про Наполеона», "Gift ideas for my mom's birthday?" get that. Both decline, so only the reply changes.
    /// </summary>
    private const double OtherSubjectLead = 10;

    /// <summary>
    /// A year no fact knows does not make a question "outside my subject" when the classifier leads the next fact and the
    /// other classes by this much ("the fishery convention was signed in 1927, right?": "no", and 1928). At 3 rather
    /// than 5 (<see cref="RescueMargin"/>, <see cref="RescueLead"/>; round 53), out of sample on the tuning part 3 more
    /// right answers and no other change; "Was Napoleon defeated in 1812?" stays outside the subject.
    /// </summary>
    private const double UnknownYearLead = 3;

    /// <summary>
    /// When the classifier leads the next fact by this much with a fact alike to the matcher's (related, or of one
    /// title: <see cref="Matcher.AreAlike"/>), and finds it likelier than "another subject" and "a detail no source
    /// gives", that fact answers: the matcher found the topic, the classifier which of its facts people ask so.
    /// </summary>
    private const double TwinMargin = 3;

    /// <summary>
    /// When the classifier leads with the matcher's own half-sure guess by this much, the two readers agree: the guess is
    /// answered, not offered with a caveat or among options.
    /// </summary>
    private const double AgreeMargin = 2;

    /// <summary>
    /// An agreed guess must also lead the classifier's classes of questions on other subjects and of details no source
    /// gives by this much: a question that only shares the topic's words with the guess is not answered by it.
    /// </summary>
    private const double AgreeLead = 4;

    /// <summary>
    /// A half-sure guess the classifier finds likeliest by less than <see cref="AgreeMargin"/> is still answered when the
    /// classifier leads the classes of other subjects and missing details by this much: sure the question is on a fact,
    /// and torn between the guess and a neighbour, it leaves the choice to the matcher. Out of sample on the tuning part
    /// (round 23, judged): 86 more right answers for 8 more wrong at 6; 70 for 7 at 10; 96 for 9 at 4.
    /// </summary>
    private const double TopicLead = 6;

    public FactBase Facts => matcher.Facts;

    public Matcher Matcher => matcher;

    /// <summary>Only this much of a message is matched.</summary>
    public const int MaxQuestionLength = 500;

    /// <summary>Answers a question.</summary>
    /// <param name="question">What the user typed.</param>
    /// <param name="fallback">The language to answer in when the question does not tell (Telegram's language_code).</param>
    /// <param name="chosen">The language the chat chose with /lang: it wins over the question's own language.</param>
    public Answer Ask(string question, Language fallback = Language.Ru, Language? chosen = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        var texts = matcher.Facts.Texts;
        if (!question.Any(char.IsLetterOrDigit))
        {
            var asked = LanguageOf(question, null, fallback, chosen);
            return Reply(question, asked, AnswerKind.Empty, texts.Get("empty-question", asked));
        }

        // A question is a sentence or two; matching a whole 4096-character message would only cost time.
        var text = question.Length <= MaxQuestionLength ? question : question[..MaxQuestionLength];
        var match = matcher.Match(text);
        var language = LanguageOf(question, match, fallback, chosen);
        var whole = Decide(question, language, match) with { Match = match };
        var questions = Questions(text);
        var unsure = whole.Kind is AnswerKind.Partial or AnswerKind.NoAnswer or AnswerKind.Candidates;
        if (questions.Count < 2 && !unsure)
        {
            return whole;
        }

        // A part may be asked both as one of the message's questions and as one of its sentences: it is matched once.
        var matched = new Dictionary<string, MatchResult>(StringComparer.Ordinal);
        if (questions.Count > 1 && EachAnswered(questions, language, matched) is { } each)
        {
            return each;
        }

        return unsure && OneSentenceAnswered(text, language, matched) is { } one ? one with { Question = question } : whole;
    }

    /// <summary>A part of a message as the matcher reads it, read once per message (<paramref name="matched"/>).</summary>
    private MatchResult MatchOnce(Dictionary<string, MatchResult> matched, string part)
    {
        if (!matched.TryGetValue(part, out var match))
        {
            match = matcher.Match(part);
            matched.Add(part, match);
        }

        return match;
    }

    /// <summary>
    /// "Who signed the Treaty of Portsmouth? As an old Navy man I know the shipyard, not the people.": a message the bot
    /// cannot answer as a whole, of which one sentence is answered with a fact as if sure and stands on its own
    /// (<see cref="StandsAlone"/>) while every other sentence asks nothing (no question mark, no question word) and is on
    /// no other subject (the asker's story around the question), is answered as that sentence is.
    /// </summary>
    private Answer? OneSentenceAnswered(string text, Language language, Dictionary<string, MatchResult> matched)
    {
        var sentences = Sentences(text);
        if (sentences.Count < 2)
        {
            return null;
        }

        Answer? found = null;
        foreach (var sentence in sentences)
        {
            var match = MatchOnce(matched, sentence);
            var answer = Decide(sentence, language, match) with { Match = match };
            if (answer.Kind == AnswerKind.Fact && found is null && StandsAlone(sentence, match))
            {
                found = answer;
            }
            else if (answer.Kind is AnswerKind.Fact or AnswerKind.OutOfScope || sentence.EndsWith('?') || match.Aspects.Count > 0)
            {
                // Another question («…фамилия? что она означает»), or a sentence on another subject that the answered one
                // may go on about («Рапалльский договор 1922. Стороны?»).
                return null;
            }
        }

        return found;
    }

    /// <summary>
    /// Whether a sentence asks its question without the sentences around it: it names someone or something of the lexicon
    /// («Кто такой Карахан?») or at least two things the facts know, and points back at nothing («Как его называют в
    /// Японии?», "Was that part of the 1925 treaty?" do).
    /// </summary>
    private static bool StandsAlone(string sentence, MatchResult match) =>
        (match.Reading.Terms.Count(t => !TreatyAnalyzer.StopStems.Contains(t) && !match.Reading.Unknown.Contains(t)) >= MinQuestionTerms
            || match.Reading.Entities.Count > 0)
        && !TreatyAnalyzer.ForThread.Tokens(sentence).Exists(w => PointingBack.Contains(sentence[w.Start..w.End]));

    /// <summary>
    /// «Когда подписали договор? И кто его подписал?»: when each of several questions in one message is answered with
    /// its own fact, the answer is the first with the others after it; otherwise null, and the message is one question.
    /// </summary>
    private Answer? EachAnswered(List<string> questions, Language language, Dictionary<string, MatchResult> matched)
    {
        var answers = new List<Answer>(questions.Count);
        foreach (var part in questions)
        {
            // «Где передавали? Какой город?»: a part that names one thing and asks nothing of its own follows up the
            // question before it; «И кто его подписал?» asks who.
            var match = MatchOnce(matched, part);
            var named = match.Reading.Terms.Count(t => !TreatyAnalyzer.StopStems.Contains(t));
            if (named == 0 || (named < MinQuestionTerms && !match.Aspects.Any(a => a != Aspect.What)))
            {
                return null;
            }

            var followUp = named < MinQuestionTerms && answers.Count > 0;
            if (followUp)
            {
                // «И кто его подписал?» after a question on the Peking treaty: what «его» stands for is in the question
                // before, which the classifier, reading this part's words alone, does not see; the matcher decides, and
                // the gate, which learned from the classifier's readings too, does not look.
                match = match with { Learned = null };
            }

            var answer = Decide(part, language, match, gatedPart: !followUp) with { Match = match };
            if (answer.Kind != AnswerKind.Fact)
            {
                return null;
            }

            if (!answers.Exists(a => a.Fact == answer.Fact))
            {
                answers.Add(answer);
            }
        }

        return answers.Count > 1 ? answers[0] with { Question = string.Join(' ', questions), Also = [.. answers.Skip(1).Take(MaxQuestions - 1)] } : null;
    }

    /// <summary>The questions of a message, each ending with its question mark; one question when there is one mark or none.</summary>
    private static List<string> Questions(string text) => Parts(text, static (text, i) => text[i] == '?');

    /// <summary>
    /// The sentences of a message: each ends with «?», or with «.», «!», «…» before a capital letter («1921–1922 гг. по
    /// Дальнему Востоку» is one sentence; «Л. М. Карахан», "N. Sakhalin": a full stop after one letter ends an initial).
    /// </summary>
    private static List<string> Sentences(string text) => Parts(text, static (text, i) =>
        text[i] == '?'
        || (text[i] is '.' or '!' or '…' && !(text[i] == '.' && i > 0 && char.IsLetter(text[i - 1]) && (i == 1 || !char.IsLetter(text[i - 2])))
            && text.AsSpan(i + 1).TrimStart() is [var next, ..] && char.IsUpper(next)));

    /// <summary>The parts of a message: a part ends at a character a space follows, where <paramref name="endsAt"/> says so.</summary>
    private static List<string> Parts(string text, Func<string, int, bool> endsAt)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i + 1]) && endsAt(text, i))
            {
                Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        Add(text[start..]);
        return parts;

        void Add(string part)
        {
            if (part.Any(char.IsLetter))
            {
                parts.Add(part.Trim());
            }
        }
    }

    /// <summary>
    /// The facts that fit <paramref name="query"/> best, at most <paramref name="max"/>, for inline mode, and the
    /// language to show them in, worked out as for <see cref="Ask"/>.
    /// </summary>
    public (IReadOnlyList<Fact> Facts, Language Language) Search(string query, int max, Language fallback = Language.Ru)
    {
        ArgumentNullException.ThrowIfNull(query);
        var match = matcher.Match(query.Length <= MaxQuestionLength ? query : query[..MaxQuestionLength], max);
        return ([.. match.Top.Where(s => s.Score >= CandidateThreshold).Select(s => s.Fact)], LanguageOf(query, match, fallback, chosen: null));
    }

    /// <summary>The chat's choice, else the language of the question's words (or script), else the fallback.</summary>
    private static Language LanguageOf(string question, MatchResult? match, Language fallback, Language? chosen) =>
        chosen ?? match?.Language ?? LanguageDetector.Detect(question) ?? fallback;

    /// <summary>
    /// The answer: one given before any fact is weighed (<see cref="Screened"/>), or the rules' (<see cref="Weigh"/>;
    /// but a fact offered with a caveat that the classifier reads as a question on another fact, sure of it
    /// (<see cref="HedgeMargin"/>, <see cref="HedgeLead"/>), gives way to that fact: the matcher found the topic, the
    /// classifier the question people ask about it) as the learned gate takes it (<see cref="Gated"/>), unless
    /// <paramref name="gatedPart"/> is false: a follow-up question of a message, read without the classifier.
    /// </summary>
    private Answer Decide(string question, Language language, MatchResult match, bool gatedPart = true)
    {
        if (Screened(question, language, match) is { } screened)
        {
            return screened;
        }

        var answer = Weigh(question, language, match);
        answer = answer.Kind == AnswerKind.Partial && match.Learned is { Margin: >= HedgeMargin, Lead: >= HedgeLead } firm && firm.Fact != answer.Fact
            ? Answered(question, language, Scored(match, firm.Fact))
            : answer;
        // «Конвенцию подписали в Токио?»: a date or place the question proposed, checked against the fact, answers "no" or
        // "yes" by a rule that is right 97 % of the time out of sample (334 of 343 on the tuning part); «что произошло
        // 14.05.1924» asks for the fact of that day, as a year alone asks for the year's events: no gate for either.
        if (answer is { Kind: AnswerKind.Fact, Fact: { } fact } && (match.Reading.ProposalChecked || HoldsDayAsked(match, fact)))
        {
            return answer;
        }

        var decided = gatedPart ? (gated && matcher.Facts.Gate is { } gate ? Gated(gate, question, language, match, answer) : answer) with { Weighed = true } : answer;
        if (decided is { Kind: AnswerKind.Fact, Fact: { } shown, Reply: null })
        {
            return ClaimRefuted(match, shown, language) is { } no ? decided with { Reply = no } : decided;
        }

        // «Договор подписали в 1924 году?»: the matcher ranks the events of 1924 first and nothing is sure, but the
        // classifier is sure of the signing, whose date refutes the claim: "no" with the real date, not options.
        return decided.Kind != AnswerKind.Fact && gatedPart && match.Learned is { Margin: >= RefuteMargin, Lead: >= RescueLead } sure
            && ClaimRefuted(match, sure.Fact, language) is { } refuted
            ? Answered(question, language, Scored(match, sure.Fact)) with { Reply = refuted, Weighed = decided.Weighed }
            : decided;
    }

    /// <summary>
    /// «Японские войска ушли с Северного Сахалина 26 февраля 1925 года?», answered by the fact on the evacuation that the
    /// learned gate found likeliest, not by the rules: a day the question proposes that the fact neither holds nor has as
    /// its own opens the answer with "no", as the rules' check would, and so do a year alone («подписали в 1924 году?»)
    /// that a dated fact never mentions and a count its answer gives otherwise («на 99 лет?»; <see cref="Matcher.RefutesProposal"/>);
    /// not from a fact that leaves part to "my sources do not say", nor before an answer that says "yes" itself.
    /// </summary>
    private string? ClaimRefuted(MatchResult match, Fact fact, Language language) =>
        matcher.RefutesProposal(match.Reading, fact, language) && !OpensWithYes(fact.Answer[language]) && !SourcesSilent(fact, language)
            ? matcher.Facts.Texts.Get("premise-no", language)
            : null;

    /// <summary>
    /// The rules' answer, looked at again by the learned gate (decision 014), which finds the chance that the matcher's
    /// best fact and the classifier's likeliest each answer the question: the rules' fact stands when its chance reaches
    /// the gate's threshold and the other's is not higher; otherwise the likelier of the two answers when its chance
    /// does, whatever the rules made of the question (out of fold on the tuning part at the threshold of 0.88, letting a
    /// likelier fact replace a sure rules' answer gave 5 fewer wrong answers and 5 more right ones; at 0.85, 11 and 12);
    /// and when neither does, no fact is answered as if sure: where the rules answered with a fact, the likelier fact by
    /// the gate comes with the caveat (out of fold on the tuning part, round 42: of 260 such answers where the two differ,
    /// the gate's likelier fact answers the question in 177, the rules' fact in 123), and what the rules offered otherwise
    /// (options, a caveat, "I don't know") stands. The gate does not answer as if sure, where
    /// the rules did not, with a fact that lacks the detail asked for while the classifier reads the question as likelier
    /// on a missing detail or another subject than on any fact («во сколько часов подписали…»: no source gives the
    /// hour), nor puts such a fact in place of a sure rules' answer; on the held-out rounds this changes no answer's
    /// outcome, on the tuning part two.
    /// </summary>
    private Answer Gated(AnswerGate gate, string question, Language language, MatchResult match, Answer answer)
    {
        var chances = AnswerGate.Candidates(match).Select(f => new GateChance(f, gate.Chance(match, f))).OrderByDescending(c => c.Chance).ToList();
        var sure = chances.Where(c => c.Chance >= gate.Threshold && !Unbacked(match, c.Fact)).ToList();
        var likeliest = sure is [var first, ..] ? Scored(match, first.Fact) : null;
        var doubted = likeliest is not null && match.Learned is { Lead: < 0 } && likeliest.LacksDetail;
        var gated = answer is { Kind: AnswerKind.Fact, Fact: { } fact } && sure.Find(c => c.Fact == fact) is { } own && (own.Chance >= sure[0].Chance || doubted) ? answer
            : likeliest is not null && !doubted
                ? Answered(question, language, likeliest) with { Reply = match.Best is { } best && best.Fact == likeliest.Fact ? Opening(match, best, language) : null }
            : answer is { Kind: AnswerKind.Fact, Fact: { } unsure }
                ? Partial(question, language, Scored(match, chances is [var top, ..] && !Unbacked(match, top.Fact) ? top.Fact : unsure), match.Reading)
            : answer;
        return gated with { Chances = chances };
    }

    /// <summary>
    /// A fact only the classifier proposes (the matcher ranked it nowhere) while the classifier itself reads the question
    /// as likelier on a missing detail or another subject than on any fact: the gate does not answer with it as if sure,
    /// whatever its chance («Что стало с Ёсидзавой потом?»: not the convention's fate, but Yoshizawa's profile with the
    /// caveat). Out of fold on the tuning part at 0.89 (round 39), this takes 84 answers from the gate: one wrong
    /// answer fewer, five right ones fewer; it keeps the records (decision 016) from vouching for a guess nothing else backs.
    /// </summary>
    private static bool Unbacked(MatchResult match, Fact fact) => match.Learned is { Lead: < 0 } && match.Top.All(s => s.Fact != fact);

    /// <summary>
    /// The answers given before any fact is weighed: a refusal, an unknown year, a page asked for in a word, a year
    /// alone, small talk or a question with nothing to match; null for a question the facts must answer or not.
    /// </summary>
    private Answer? Screened(string question, Language language, MatchResult match)
    {
        var texts = matcher.Facts.Texts;
        // «Билет 12: протокол «А»…», "the first president of Kita Karafuto Sekiyu": a word that marks another subject
        // («билеты», "president") does not refuse a question the classifier is sure is on a fact, less sure when it names
        // someone or somewhere of the story.
        if (match.Refusal is { } refusal
            && !(match.Learned is { Margin: >= RescueMargin } sure
                 && sure.Lead >= (matcher.NamesSomeoneOrSomewhere(match.Reading) ? RescueLead : RefusalLead)))
        {
            return Reply(question, language, AnswerKind.OutOfScope, refusal.Reply[language]);
        }

        if (match.UnknownYears.Count > 0 && !UnknownYearsOnAFact(match))
        {
            return Reply(question, language, AnswerKind.OutOfScope, texts.Get("out-of-scope", language));
        }

        if (match.Reading is { Page: { } page, HasContent: false })
        {
            return Reply(question, language, AnswerKind.Page, null) with { Page = page };
        }

        // «1944», «что было в 1944 году?»: a year and nothing else asks what happened then, which is that year's part of
        // the timeline; a year with one event is answered with it.
        if (YearAlone(match) is { } year && matcher.Facts.Timeline(year) is { Count: > 0 } events)
        {
            return events.Count == 1
                ? new Answer(question, language, AnswerKind.Fact, events[0].Fact, 1, [], null)
                : Reply(question, language, AnswerKind.Page, null) with { Page = BotPage.Timeline, Year = year };
        }

        // "hi there", «ну и что?»: nothing but stop words and small talk asks about nothing a fact could answer.
        if (!match.Reading.HasContent)
        {
            return match.SmallTalk is { } talk
                ? Reply(question, language, AnswerKind.SmallTalk, texts.Get(talk.TextKey, language))
                : Reply(question, language, AnswerKind.NoAnswer, texts.Get("no-answer", language)) with { Score = match.Best?.Score ?? 0 };
        }

        return null;
    }

    private Answer Weigh(string question, Language language, MatchResult match)
    {
        var texts = matcher.Facts.Texts;

        // "Which volume of the Treaty Series…": the matcher reads a detail or a kind of question the fact does not hold,
        // but people asked that fact just so, and the classifier is sure of it (over the other facts, and over questions
        // on missing details): the fact answers.
        if (match.Best is { } held && (held.LacksDetail || held.OtherKind) && held.Score >= PartialFloor
            && Learned(match, [held], SureMargin, SureLead) is not null)
        {
            return Answered(question, language, held);
        }

        // On the topic, but without the detail asked for (a name, a number, which article): the fact, with a caveat. A
        // runner-up that holds the detail is not taken for the answer: out of sample, such runners-up answered five
        // questions on a detail no source gives, or on another fact, for every nine they got right.
        if (match.Best is { LacksDetail: true } lacking && lacking.Score >= Threshold)
        {
            return Partial(question, language, lacking, match.Reading);
        }

        // Asked who or why, and the fact on the topic tells neither: offered with the caveat, not as the answer.
        if (match.Best is { OtherKind: true } other && other.Score >= Threshold)
        {
            return Partial(question, language, other, match.Reading);
        }

        if (match.Best is { } best && best.Score >= Threshold)
        {
            var close = match.Top.Skip(1).Where(s => s.Rank >= best.Rank * (1 - AmbiguityMargin) && s.Score >= Threshold && !matcher.AreAlike(best.Fact, s.Fact)).ToList();
            var options = Distinct([best, .. close], language);
            var opening = Opening(match, best, language);
            // The classifier learned from people's questions seconds the matcher (decision 006): agreeing, it settles a
            // near tie; far surer of another fact the matcher found fit as well, that fact answers; surer of one the
            // matcher ranked lower, the bot asks which of the two was meant (not when the fact covers the whole question).
            if (options.Count >= 2 && Agreed(match, best))
            {
                options = [best];
            }

            // "Japanese signatory of the oil concession?": the matcher ranks the contract first, the fact on who signed it
            // for the Japanese a close second; the classifier, sure of the signatory, settles which of the two is meant
            // (not when the question proposes a date or place the matcher checked against its fact).
            if (options.Count < 2 && !match.Reading.ProposalChecked && Twin(match, best) is { } twin)
            {
                return Answered(question, language, twin);
            }

            if (options.Count < 2 && best.Score < 1 && Disputed(match, best) is { } rival)
            {
                if (rival is { Score: >= Threshold, LacksDetail: false, OtherKind: false } && match.Learned!.Margin >= SwapMargin)
                {
                    return Answered(question, language, rival);
                }

                options = Distinct([best, rival], language);
            }

            // The classifier reads it as a question on another subject, or on a detail no source gives: the fact comes
            // with the caveat, not as the answer (unless it covers nearly all the question's meaning, or checks a date
            // or place the question proposed).
            if (options.Count < 2 && match.Learned is { } doubted && doubted.Lead <= -DoubtLead && best.Score < DoubtScore
                && !match.Reading.ProposalChecked)
            {
                return Partial(question, language, best, match.Reading, doubted: true);
            }

            return options.Count < 2
                ? new Answer(question, language, AnswerKind.Fact, best.Fact, best.Score, [], opening)
                : Choice(question, language, match, options);
        }

        // «Пару слов для эфира: кто такой Лев Карахан?»: asked who someone is, with no date to check, and that one's
        // profile far outranks any other fact: it answers, whatever else the question says of the asker.
        if (match.Best is { ProfilesSubject: true, LacksDetail: false } profile && profile.Score >= PartialFloor
            && match.Aspects.Contains(Aspect.WhoIs) && match.Reading.Dates.Count == 0
            && match.Top.Skip(1).All(s => s.Rank * ProfileLead <= profile.Rank))
        {
            return Answered(question, language, profile);
        }

        // A half-sure guess (below the threshold, or on the topic with words no fact uses) that the classifier finds
        // likeliest too, and likelier than a question on another subject or on a missing detail, is answered; so is one
        // the classifier finds likeliest by however little when it is sure the question is on a fact.
        if (match.Best is { LacksDetail: false, OtherKind: false } agreed && agreed.Score >= PartialFloor
            && (agreed.Score >= CandidateThreshold
                ? Agreed(match, agreed) || Learned(match, [agreed], 0, TopicLead) is not null
                : Agreed(match, agreed) && agreed.Known >= PartialKnown && match.Reading.UnknownWeight > 0))
        {
            return Answered(question, language, agreed);
        }

        // A runner-up the classifier is far surer of is answered when it holds the detail and kind asked: the matcher
        // found it, but ranked it second.
        if (Learned(match, match.Top.Skip(1), SwapMargin, AgreeLead) is { LacksDetail: false, OtherKind: false } runnerUp && runnerUp.Score >= PartialFloor)
        {
            return Answered(question, language, runnerUp);
        }

        // A greeting before a question is only politeness: the question is taken up as far as it can be (a partial
        // answer, options), and the greeting answers only what nothing else can.
        if (match.Best is { } guess && guess.Score >= CandidateThreshold)
        {
            var options = Distinct(Unlike(match.Top.Where(s => s.Score >= CandidateThreshold && s.Rank >= guess.Rank * CandidateRankShare)), language);
            return options.Count >= 2
                ? Choice(question, language, match, options)
                : Partial(question, language, guess, match.Reading);
        }

        if (match.Best is { } topic && topic.Score >= PartialFloor && topic.Known >= PartialKnown && match.Reading.UnknownWeight > 0)
        {
            return Partial(question, language, topic, match.Reading);
        }

        // Too little of the question is known for the matcher to offer anything, but the classifier has seen people ask
        // this fact in such words: sure of it, and the matcher ranking it at all, it answers.
        if (Learned(match, match.Top, SwapMargin, RescueLead) is { LacksDetail: false, OtherKind: false } ranked)
        {
            return Answered(question, language, ranked);
        }

        // Nothing the matcher ranked will do, but the classifier is sure of a fact (by a wider margin, and however the
        // matcher read it): people asked that fact in such words, unless most of these words are unknown to the base.
        if (match.Learned is { Margin: >= RescueMargin, Lead: >= RescueLead } sure
            && match.Reading.UnknownWeight <= RescueUnknownShare * match.Reading.ContentWeight)
        {
            return Answered(question, language, Scored(match, sure.Fact));
        }

        // «Привет, бот!» is a greeting; «Привет! Кто основал Toyota?» is a question nothing answers, and saying so (with
        // what the bot does know) serves the asker better than a greeting that ignores it. «Как приготовить борщ?», whose
        // words the facts hardly know and which the classifier finds on another subject by far, is outside the bot's
        // subject: "try asking another way" would promise an answer that no wording brings.
        return match.SmallTalk is { } greeting && !AsksSomething(question, match.Reading)
            ? Reply(question, language, AnswerKind.SmallTalk, texts.Get(greeting.TextKey, language))
            : OtherSubject(match)
            ? Reply(question, language, AnswerKind.OutOfScope, texts.Get("out-of-scope", language))
            : Reply(question, language, AnswerKind.NoAnswer, texts.Get("no-answer", language)) with { Score = match.Best?.Score ?? 0 };
    }

    /// <summary>
    /// «Японцы ушли с Сахалина в 1927 году?», "Did the Peking Convention stay valid until 1956?": whether the classifier is
    /// sure that a question naming a year no fact knows is on a fact (<see cref="UnknownYearLead"/>):
    /// a wrong claim or a wrong guess about that fact's event, answered with the real date, not a question on another
    /// subject ("Was Napoleon defeated in 1812?" is). Until round 52 only a year the yes/no question proposed after «в» or
    /// "in" was let through so; out of sample on the tuning part, any year gave 34 more right answers and 2 more wrong
    /// ones (a question on a later extension no source gives, answered with the one they do).
    /// </summary>
    private static bool UnknownYearsOnAFact(MatchResult match) => match.Learned is { Margin: >= UnknownYearLead, Lead: >= UnknownYearLead };

    /// <summary>
    /// Whether the question is on another subject as far as both readers can tell: every word of it that is not a stop
    /// word is one no fact uses («Как приготовить борщ?»; "…after the signing ceremony?" knows the signing), and the
    /// classifier finds "another subject" likelier than any fact by <see cref="OtherSubjectLead"/>.
    /// </summary>
    private static bool OtherSubject(MatchResult match) =>
        match.Reading.Unknown.Count > 0 && match.Reading.Terms.All(t => TreatyAnalyzer.StopStems.Contains(t) || match.Reading.Unknown.Contains(t))
        && match.Learned is { Lead: <= -OtherSubjectLead };

    /// <summary>
    /// «что произошло 14.05.1924», "events of May 15, 1925": whether the question names a day (a month and a day) and
    /// nothing else the facts know, and that day is a date of <paramref name="fact"/>.
    /// </summary>
    private static bool HoldsDayAsked(MatchResult match, Fact fact) =>
        match.Reading.Terms.All(t => DateRecognizer.IsDateTerm(t) || TreatyAnalyzer.StopStems.Contains(t) || match.Reading.Unknown.Contains(t))
        && match.Reading.Dates.Any(d => d.Count(c => c == '-') == 2 && fact.Dates.Any(date => DateRecognizer.Terms(date).Contains(d)));

    /// <summary>
    /// «Конвенцию подписали в Токио?»: the fact on the signing holds no Tokyo, so the answer opens with "no"; «…в Пекине?»
    /// opens with "yes", unless the answer says so itself or the question holds words no fact uses; null otherwise. Never
    /// "no" before an answer that opens with "yes" itself.
    /// </summary>
    private string? Opening(MatchResult match, ScoredFact best, Language language) =>
        match.Reading.ProposalRefuted && !OpensWithYes(best.Fact.Answer[language]) ? matcher.Facts.Texts.Get("premise-no", language)
            : SaysYes(match.Reading, best, language) ? matcher.Facts.Texts.Get("premise-yes", language)
            : null;

    /// <summary>Whether the classifier learned from people's questions finds <paramref name="guess"/> likeliest, by <see cref="AgreeMargin"/>.</summary>
    private static bool Agreed(MatchResult match, ScoredFact guess) => Learned(match, [guess], AgreeMargin, AgreeLead) is not null;

    /// <summary>
    /// The one of <paramref name="among"/> that the classifier finds likeliest, leading the next fact by
    /// <paramref name="margin"/> and "another subject" and "a detail no source gives" by <paramref name="lead"/>; null
    /// when it is none of them or leads by less.
    /// </summary>
    private static ScoredFact? Learned(MatchResult match, IEnumerable<ScoredFact> among, double margin, double lead) =>
        match.Learned is { } learned && learned.Margin >= margin && learned.Lead >= lead ? among.FirstOrDefault(s => s.Fact == learned.Fact) : null;

    /// <summary>
    /// The fact the classifier finds likeliest by <see cref="DisagreeMargin"/> when it is not <paramref name="best"/>
    /// nor alike to it (as the matcher scored it, or unscored): the two readers disagree; null when they do not.
    /// </summary>
    private ScoredFact? Disputed(MatchResult match, ScoredFact best) =>
        match.Learned is { } learned && learned.Fact != best.Fact && learned.Margin >= DisagreeMargin && !matcher.AreAlike(best.Fact, learned.Fact)
            ? Scored(match, learned.Fact)
            : null;

    /// <summary>
    /// The fact the classifier finds likeliest by <see cref="TwinMargin"/>, and likelier than the other classes, when it
    /// is alike to <paramref name="best"/> and holds the detail and kind asked as the matcher read it (or went unranked,
    /// but declares the kind asked: «подписанты пекинского договора» is not answered with the signing's date and place,
    /// whose text names the signatories too, when the matcher found the fact on who signed);
    /// null otherwise.
    /// </summary>
    private ScoredFact? Twin(MatchResult match, ScoredFact best) =>
        match.Learned is { Margin: >= TwinMargin, Lead: >= 0 } learned && learned.Fact != best.Fact && matcher.AreAlike(best.Fact, learned.Fact)
        && Scored(match, learned.Fact) is { LacksDetail: false, OtherKind: false } twin
        && (match.Top.Contains(twin) || !Matcher.AnswersOtherKind(twin.Fact, match.Aspects))
            ? twin
            : null;

    /// <summary>
    /// The year of a question that names a year and nothing else, asking at most what or when («1925?», "what happened
    /// in 1944"); null for any other question.
    /// </summary>
    private static int? YearAlone(MatchResult match) =>
        match.Reading.Dates.Count == 1 && match.Reading.Dates.First() is var date && DateRecognizer.IsYearTerm(date) && int.TryParse(date, CultureInfo.InvariantCulture, out var year)
        && match.Reading.Terms.All(t => t == date || TreatyAnalyzer.StopStems.Contains(t))
        && match.Aspects.All(a => a is Aspect.What or Aspect.When)
            ? year
            : null;

    /// <summary>Whether the text past its small talk asks something: a question mark, or two words that are not stop words.</summary>
    private static bool AsksSomething(string question, QuestionReading reading) =>
        reading.HasContent && (question.Contains('?', StringComparison.Ordinal) || reading.Terms.Count(t => !TreatyAnalyzer.StopStems.Contains(t)) >= 2);

    /// <summary>
    /// Whether the answer opens with "yes": the best fact holds what a yes/no question proposes, covers the rest of it,
    /// is not weak, leaves nothing to "my sources do not say" ("Japan ratified on 25 February; the USSR in February, the
    /// day not given" does not confirm that the USSR ratified on the 25th), and does not say "yes" itself; no word of
    /// the question is unknown to the facts.
    /// </summary>
    private bool SaysYes(QuestionReading reading, ScoredFact best, Language language) =>
        reading is { ProposalConfirmed: true, UnknownWeight: 0 } && best.Score >= ConfirmScore && best.Fact.Status != FactStatus.Weak
        && !OpensWithYes(best.Fact.Answer[language])
        && !SourcesSilent(best.Fact, language);

    /// <summary>Whether the answer of <paramref name="fact"/> says its sources do not give something (texts.yaml's <c>sources-silent</c>).</summary>
    private bool SourcesSilent(Fact fact, Language language) =>
        matcher.Facts.Texts.List("sources-silent", language).Any(phrase => fact.Answer[language].Contains(phrase, StringComparison.OrdinalIgnoreCase));

    private static bool OpensWithYes(string answer) =>
        answer.StartsWith("Да", StringComparison.Ordinal) || answer.StartsWith("Yes", StringComparison.Ordinal);

    /// <summary>
    /// The options to choose from; but when the classifier is sure of one fact (<see cref="ChoiceMargin"/>), among
    /// them or not, it answers: people asked it in such words; and so does an option it is fairly sure of
    /// (<see cref="OptionMargin"/>, <see cref="OptionLead"/>): the matcher found it fit, the classifier picks it.
    /// </summary>
    private Answer Choice(string question, Language language, MatchResult match, List<ScoredFact> options) =>
        match.Learned is { Margin: >= ChoiceMargin } learned
            ? Answered(question, language, Scored(match, learned.Fact))
            : Learned(match, options, OptionMargin, OptionLead) is { } option
            ? Answered(question, language, option)
            : Candidates(question, language, options);

    /// <summary>The fact as the answer, with its score.</summary>
    private static Answer Answered(string question, Language language, ScoredFact fact) =>
        new(question, language, AnswerKind.Fact, fact.Fact, fact.Score, [], null);

    /// <summary>The fact as the matcher scored it, or unscored (0) when the matcher did not rank it: the classifier's guess may be any fact.</summary>
    private static ScoredFact Scored(MatchResult match, Fact fact) =>
        match.Top.FirstOrDefault(s => s.Fact == fact) ?? new ScoredFact(fact, 0, 0, 0);

    private Answer Candidates(string question, Language language, List<ScoredFact> candidates) =>
        new(question, language, AnswerKind.Candidates, null, candidates[0].Score, candidates, matcher.Facts.Texts.Get("did-you-mean", language));

    /// <summary>
    /// A fact with a caveat: "my sources may not answer exactly that" when the question holds words no fact knows, the
    /// fact lacks the detail asked for (a detail the base may lack) or the classifier doubts it, otherwise "not sure I
    /// understood".
    /// </summary>
    private Answer Partial(string question, Language language, ScoredFact fact, QuestionReading reading, bool doubted = false) =>
        new(question, language, AnswerKind.Partial, fact.Fact, fact.Score, [], matcher.Facts.Texts.Get(doubted || reading.UnknownWeight > 0 || fact.LacksDetail || fact.OtherKind ? "partial" : "closest", language));

    /// <summary>
    /// The guesses without those alike to a better one (<see cref="Matcher.AreAlike"/>): the withdrawal of the troops as
    /// an obligation and as an event are one option, not two.
    /// </summary>
    private List<ScoredFact> Unlike(IEnumerable<ScoredFact> guesses)
    {
        var kept = new List<ScoredFact>();
        foreach (var guess in guesses)
        {
            if (!kept.Exists(k => matcher.AreAlike(k.Fact, guess.Fact)))
            {
                kept.Add(guess);
            }
        }

        return kept;
    }

    /// <summary>The candidates in score order, one per title (two facts with one label would be two same buttons), at most three.</summary>
    private static List<ScoredFact> Distinct(IEnumerable<ScoredFact> candidates, Language language) =>
        [.. candidates.OrderByDescending(c => c.Score).DistinctBy(c => c.Fact.Title[language], StringComparer.Ordinal).Take(MaxCandidates)];

    private static Answer Reply(string question, Language language, AnswerKind kind, string? text) =>
        new(question, language, kind, null, 0, [], text);
}
