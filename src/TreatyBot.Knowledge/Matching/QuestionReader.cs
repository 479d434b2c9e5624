using System.Buffers;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Knowledge.Matching;

/// <summary>A question as the matcher reads it: folded terms, dates it names that no fact has, and its language.</summary>
internal sealed record ReadQuestion(FoldedText Folded, IReadOnlyList<int> UnknownYears, Language? Language)
{
    /// <summary>The dates the question names, as terms (for explaining).</summary>
    public IReadOnlyList<string> Dates { get; init; } = [];

    /// <summary>
    /// The dates the question names, each as precise as it is written («в июне 1925»: @1925-06), even where no fact has
    /// that date and <see cref="Dates"/> holds the year alone: what a yes/no question proposes is checked at this precision.
    /// </summary>
    public IReadOnlyList<string> WrittenDates { get; init; } = [];

    /// <summary>Whether the question names a month or a day, not only a year.</summary>
    public bool NamesDay { get; init; }

    /// <summary>Whether the question has a word that asks who (кто, кем, who), not only one that asks for a post.</summary>
    public bool SaysWho { get; init; }

    /// <summary>Whether the question asks for the day itself («какого числа», "the exact date"), not a year or a month.</summary>
    public bool AsksDay { get; init; }

    /// <summary>The stems of the words that name the detail asked for («какой город»: город), if any.</summary>
    public IReadOnlyList<string> Detail { get; init; } = [];

    /// <summary>Whether the question asks yes or no: a date or a place in it is then the asker's guess, to be checked.</summary>
    public bool YesOrNo { get; init; }

    /// <summary>
    /// The question as it was meant to be typed, when it was read otherwise: Russian typed in Latin letters («kogda byl
    /// podpisan dogovor») in Cyrillic, or a question typed on the wrong keyboard layout retyped; null when it was read
    /// as written. The classifier learned from questions typed in Cyrillic, and reads this text.
    /// </summary>
    public string? Retyped { get; init; }

    /// <summary>
    /// In a yes/no question, the years written alone right after "in" or «в», in full or short before «год» or a question
    /// mark («в 1924 году», "in 1926", «в 45-м?»), not a decade ("in the 1920s", «в 1920-х») nor «в 34-м томе»: a year it
    /// may propose, where «по договору 1925 года» or "after 1925" names a topic or a bound.
    /// </summary>
    public IReadOnlyList<string> ProposedYears { get; init; } = [];

    /// <summary>In a yes/no question, the counts it states («на 99 лет?», "70 percent?"): a count it may propose.</summary>
    public IReadOnlyList<StatedCount> ProposedCounts { get; init; } = [];

    /// <summary>In a yes/no question, the stems of words right after "in" or «в» («в Токио»): a place it may propose.</summary>
    public IReadOnlyList<string> ProposedPlaces { get; init; } = [];

    /// <summary>Of <see cref="ProposedPlaces"/>, those written with a capital ("in Moscow"): a name, not «в силу».</summary>
    public IReadOnlyList<string> ProposedNames { get; init; } = [];

    /// <summary>
    /// In a yes/no question on signing («договор подписал Чичерин?», "Did Stalin sign the pact?"), who it proposes signed:
    /// the persons of the lexicon it names (as terms), and names no fact knows, written with a capital inside the question
    /// and not after "in" or «в» (a place).
    /// </summary>
    public IReadOnlyList<string> ProposedSigners { get; init; } = [];

    /// <summary>
    /// Whether the question denies or offers a choice («не в Пекине?», «в Пекине или в Токио?», "not", "or"): a fact
    /// that holds what it names does not make the answer "yes".
    /// </summary>
    public bool NegatedOrAlternative { get; init; }
}

/// <summary>
/// Reads a question the way a patient person would: dates become date terms; text typed on the wrong keyboard layout
/// is retyped («ytanm» → «нефть»); Russian typed in Latin letters is read back into Cyrillic («kogda podpisan»); a word
/// the bot does not know is replaced by the nearest one it does («догвор» → договор). Then the lexicon folds it.
/// </summary>
internal sealed class QuestionReader(LexiconPhrases phrases, Vocabulary vocabulary, FactIndex index)
{
    /// <summary>How much a corrected word counts against one typed right.</summary>
    public const double CorrectedWeight = 0.8;

    /// <summary>A date in a question is a strong hint: it counts this many times a word.</summary>
    public const double DateWeight = 2.0;

    /// <summary>A whole date (day, month and year) names one event: it counts more still.</summary>
    public const double FullDateWeight = 3.0;

    /// <summary>English words that open a yes/no question ("did the Japanese leave…?").</summary>
    private static readonly HashSet<string> Auxiliaries = new(StringComparer.Ordinal)
    {
        "was", "were", "is", "are", "did", "does", "do", "has", "have", "had", "could", "can", "will", "would",
    };

    /// <summary>
    /// Words that ask "how" («как прошла передача…?», "how did the handover go?"): no kind of answer of their own, but
    /// a question that holds one is open, not yes or no, whatever its question mark says.
    /// </summary>
    private static readonly HashSet<string> HowWords = new(StringComparer.Ordinal) { "как", "каким", "каков", "какова", "каково", "каковы", "how" };

    /// <summary>Interjections, left out before anything else reads the words.</summary>
    private static readonly HashSet<string> Interjections = new(StringComparer.Ordinal) { "ох", "ах", "эх", "ух", "ой", "увы", "ого", "ага", "oh", "ah", "alas" };

    /// <summary>
    /// Words that only stress what is asked, left out («кто именно подписал», «как именно» ask what «кто подписал», «как»
    /// do), except after a word that asks for a particular detail (lexicon.yaml's `details.determiners`: «какой»,
    /// «какие», «сколько»…): «какие именно ведомства» asks for the list itself, which a fact that only mentions the
    /// agencies does not give (out of sample, leaving it out there answered such questions with that fact), unless it
    /// splits a question word's phrase («в какой именно день» asks when).
    /// </summary>
    private static readonly HashSet<string> StressWords = new(StringComparer.Ordinal) { "именно" };

    /// <summary>
    /// Particles that stress a question word when they follow it («в какой же день», «где ж»), and are left out there
    /// only: elsewhere «же» means "same" («в тот же день»).
    /// </summary>
    private static readonly HashSet<string> StressParticles = new(StringComparer.Ordinal) { "же", "ж" };

    /// <summary>The Russian question words a stress particle may follow.</summary>
    private static readonly HashSet<string> RussianQuestionWords = new(StringComparer.Ordinal)
    {
        "кто", "кого", "кому", "кем", "что", "чего", "чем", "где", "когда", "куда", "откуда", "почему", "зачем", "сколько", "как",
        "какой", "какая", "какое", "какие", "какого", "какую", "каком", "каким", "какими", "каких", "какому", "чей", "чья", "чьё", "чье", "чьи",
    };

    /// <summary>The words before a place a yes/no question proposes («в Токио», "in Tokyo", "at Peking").</summary>
    private static readonly HashSet<string> PlacePrepositions = new(StringComparer.Ordinal) { "in", "at", "в", "во" };

    /// <summary>Words that ask who, as opposed to the other ways of asking who someone is (должность, "what post").</summary>
    private static readonly HashSet<string> WhoWords = new(StringComparer.Ordinal) { "кто", "кем", "кого", "кому", "who", "whom" };

    /// <summary>Endings of Russian past and infinitive verbs and of English past forms, participles and adverbs.</summary>
    private static readonly string[] VerbEndings = ["ли", "ла", "ло", "лся", "лась", "лось", "лись", "ть", "ться", "ed", "ing", "ly"];

    /// <summary>Words that deny or offer a choice, as written («не», «или», "not", "or").</summary>
    private static readonly HashSet<string> NegationsAndAlternatives = new(StringComparer.Ordinal)
    {
        "не", "ни", "нет", "никогда", "или", "либо", "not", "never", "no", "nor", "or", "cannot",
    };

    /// <summary>Who did it, how many: the verb is the detail asked about, so an unknown one keeps its full weight.</summary>
    private static readonly HashSet<Aspect> PreciseAspects = [Aspect.Who, Aspect.WhoIs, Aspect.HowMany];

    /// <summary>What an unknown word in the asker's story counts, against one in the question.</summary>
    private const double StoryWeight = 0.25;

    /// <summary>What an unknown word shaped like a verb counts, against an unknown noun.</summary>
    private const double UnknownVerbWeight = 0.4;

    /// <summary>Endings only Russian adjectives have: an adjective after «какой» is passed over for the noun it describes.</summary>
    private static readonly string[] AdjectiveEndings = ["ый", "ая", "яя", "ое", "ее", "ые", "ого", "его", "ому", "ему", "ую", "юю", "ых", "их", "ым", "ыми", "ими"];

    public ReadQuestion Read(string question)
    {
        var dates = DateRecognizer.Find(question);
        var text = DateRecognizer.Blank(question, dates);
        var words = Words(text);
        ReadColloquial(words);
        _ = CountKnown(words, out var unknown);
        string? retyped = null;
        if (unknown > 0)
        {
            // Retyped on the other layout, a word must come out as a known word of two letters or more: a one-letter
            // remnant («бабушка» gives ",f,eirf") is no evidence of a wrong layout.
            var switched = Words(KeyboardLayout.Switch(text));
            ReadColloquial(switched);
            if (CountKnown(switched, out _, minLetters: 2) > CountKnown(words, out _, minLetters: 2))
            {
                words = switched;
                retyped = KeyboardLayout.Switch(question);
            }

            if (ReadTransliterated(words))
            {
                retyped = Transliterator.LatinToCyrillic(retyped ?? question);
            }

            Correct(words);
        }

        // A Japanese or Chinese character the fact base does not write ("the contracting parties (締約国)") glosses the
        // question; it is not a part of it no fact covers.
        words.RemoveAll(w => w.Surface.Length == 1 && Scripts.Of(w.Surface) == Script.Other && char.IsLetter(w.Surface[0]) && !vocabulary.IsKnown(w.Stem));

        var whenExactly = false;
        for (var i = words.Count - 1; i >= 0; i--)
        {
            var after = i > 0 ? words[i - 1].Surface : "";
            if ((StressParticles.Contains(words[i].Surface) && RussianQuestionWords.Contains(after))
                || (StressWords.Contains(words[i].Surface) && (!phrases.IsDeterminer(after) || JoinsAQuestionPhrase(words, i))))
            {
                // «Когда именно…»: the stress asks for the day, as «точная дата» does.
                whenExactly |= after == "когда" && words[i].Surface == "именно";
                words.RemoveAt(i);
            }
        }

        // «Ох, дети мои…», «Ах, Мацуока!»: an interjection says nothing (and «ох» is not Оха, whose stem it shares).
        words.RemoveAll(w => Interjections.Contains(w.Surface));

        var folded = phrases.Fold(words.ConvertAll(w => new WeightedTerm(w.Stem, w.Weight)), question: true);
        SoftenUnknownVerbs(words, folded);
        var asksOnItsOwn = words.Exists(w => w.InStory) && KnownOutsideTheStory(words, folded.Roles) >= 2;
        SoftenTheStory(words, folded, asksOnItsOwn);
        if (folded.Refusal is not null && words[folded.RefusalAt].InStory && (asksOnItsOwn || NamesAnEntityOutsideTheStory(words, folded.Roles)))
        {
            // "Who is Karakhan? A tourist asked me about him": the asker's tourists are not the question's subject.
            folded.Refusal = null;
        }

        var unknownYears = new List<int>();
        var dateTerms = new List<string>(dates.Count);
        foreach (var date in dates)
        {
            // A bare year beside a question word is the question's topic («по договору 1925 года»), not its point.
            var weight = date switch
            {
                { Month: null } when folded.Aspects.Count > 0 => 1,
                { Day: not null, Year: not null } => FullDateWeight,
                _ => DateWeight,
            };
            var term = DateTerm(date, unknownYears);
            dateTerms.Add(term);
            folded.Terms.Add(new WeightedTerm(term, weight));
        }

        // «Конвенцию подписали в 1924 году?»: a Russian yes/no question often has no particle, only the question mark.
        var written = words.ConvertAll(w => w.Surface);
        var yesOrNo = AsksYesOrNo(words)
            || (folded.Aspects.Count == 0 && !words.Exists(w => HowWords.Contains(w.Surface)) && !AsksForADetail(written)
                && question.AsSpan().TrimEnd().EndsWith("?", StringComparison.Ordinal));
        var unknownNames = UnknownNames(words, folded.Roles, asksOnItsOwn);
        var signers = yesOrNo ? Signers(words, folded, unknownNames) : [];
        return new ReadQuestion(folded, unknownYears, LanguageOf(words))
        {
            Dates = dateTerms,
            WrittenDates = [.. dates.Select(DateRecognizer.Term)],
            NamesDay = dates.Any(d => d.Month is not null),
            SaysWho = words.Exists(w => WhoWords.Contains(w.Surface)),
            AsksDay = whenExactly || AsksForTheDay(written),
            // «Договор подписал Чичерин?»: a signer no fact names is no detail the sources lack; a fact that names who signed
            // answers "no".
            Detail = [.. Detail(words, written, folded.Roles), .. unknownNames.Select(i => words[i].Stem).Where(name => !signers.Contains(name))],
            YesOrNo = yesOrNo,
            Retyped = retyped,
            ProposedYears = yesOrNo ? YearsAfterIn(question, dates) : [],
            ProposedCounts = yesOrNo ? CountClaims.FindInBlanked(text) : [],
            ProposedPlaces = yesOrNo ? AfterPlacePrepositions(words, namesOnly: false) : [],
            ProposedNames = yesOrNo ? AfterPlacePrepositions(words, namesOnly: true) : [],
            ProposedSigners = signers,
            NegatedOrAlternative = words.Exists(w => NegationsAndAlternatives.Contains(w.Surface) || w.Surface.EndsWith("n't", StringComparison.Ordinal)),
        };
    }

    /// <summary>
    /// The words that name the detail a question asks for: the content words of a phrase that names the detail itself
    /// («как звали»: звали; "name"), and the word right after any detail phrase, past the adjectives and modifiers in
    /// between («каких японских радиостанций»: радиостанций; "what earlier convention"; «какой город», "which article",
    /// "what post"). A detail phrase
    /// that is part of a question word («в каком году», "which city") asks that kind of question instead; a name or
    /// an alias after it ("which Japanese company") or a stop word («какой была») names nothing to check.
    /// </summary>
    private List<string> Detail(List<Word> words, List<string> written, WordRole[] roles)
    {
        var detail = new List<string>();
        for (var i = 0; i < words.Count; i++)
        {
            // "Who was Lozovsky? I saw the name in my reading list": a detail word in the asker's story is not asked for.
            if (words[i].InStory || !phrases.AsksDetailAt(written, i, out var length, out var namesItself) || !StandsAlone(roles, i, length))
            {
                continue;
            }

            if (namesItself)
            {
                // Its content words («как звали»: звали); a phrase of stop words only («сегодня») is the detail as a whole;
                // a phrase that is a question word as well («в котором часу» asks "when") names its detail by its last
                // word, its noun («час»).
                var phrase = words.Skip(i).Take(length).ToList();
                var content = phrase.Where((w, k) => roles[i + k] == WordRole.Plain && HasLetters(w)).ToList();
                content = content.Count > 0 ? content : [.. phrase.FindAll(IsContent).TakeLast(1)];
                detail.AddRange((content.Exists(IsContent) ? content.Where(IsContent) : content).Select(w => w.Stem));
            }

            for (var j = i + length; j < words.Count; j++)
            {
                if (roles[j] == WordRole.Filler || LooksLikeAdjective(written[j]) || phrases.IsModifier(written[j]))
                {
                    continue;
                }

                if (roles[j] == WordRole.Plain && IsContent(words[j]) && !phrases.AsksDetailAt(written, j, out _, out _) && !phrases.IsGenericDetail(written[j]))
                {
                    detail.Add(words[j].Stem);
                }

                break;
            }
        }

        return detail;
    }

    /// <summary>
    /// The names no fact knows, even corrected: a capitalised word inside the question that is still unknown («кто
    /// основал Toyota», "the Yalta agreement"). The question is about something the sources do not name, so no fact
    /// holds that detail; a fact on the rest of the question is at most a partial answer. Their places in
    /// <paramref name="words"/>.
    /// </summary>
    private List<int> UnknownNames(List<Word> words, WordRole[] roles, bool asksOnItsOwn)
    {
        var names = new List<int>();
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i].IsName && roles[i] == WordRole.Plain && IsUnknown(words[i]) && !(asksOnItsOwn && words[i].InStory))
            {
                names.Add(i);
            }
        }

        return names;
    }

    /// <summary>
    /// Whether a Russian word has an ending only adjectives have (японских, нефтяную); -ой, -ий and -ие are left out,
    /// as they end nouns too (войной, радиостанций, соглашение).
    /// </summary>
    private static bool LooksLikeAdjective(string word) =>
        word.Length > 4 && Scripts.Of(word) == Script.Cyrillic && EndsWithAny(word, AdjectiveEndings);

    /// <summary>Whether a word of more than four letters has an ending of a verb or an adverb (<see cref="VerbEndings"/>).</summary>
    private static bool LooksLikeVerb(string word) => word.Length > 4 && EndsWithAny(word, VerbEndings);

    private static bool EndsWithAny(string word, string[] endings)
    {
        foreach (var ending in endings)
        {
            if (word.EndsWith(ending, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the detail phrase at <paramref name="start"/> is a phrase of its own, not the start of a longer question
    /// word («в каком году» asks "when"); a question word that is the phrase itself («сколько», "how many") may be.
    /// </summary>
    private static bool StandsAlone(WordRole[] roles, int start, int length) =>
        roles[start] == WordRole.Plain
        || (roles[start] == WordRole.Cue && (start == 0 || roles[start - 1] != WordRole.Cue)
            && (start + length == roles.Length || roles[start + length] != WordRole.Cue));

    private static bool IsContent(Word word) => HasLetters(word) && !TreatyAnalyzer.StopStems.Contains(word.Stem);

    private static List<Word> Words(string text)
    {
        var tokens = TreatyAnalyzer.ForThread.Tokens(text);
        var words = new List<Word>(tokens.Count);
        var sentences = Sentences(text);
        var sentence = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var (start, length) = (tokens[i].Start, tokens[i].Length);
            var before = sentence;
            while (sentences is not null && sentence < sentences.Count && sentences[sentence].End <= start)
            {
                sentence++;
            }

            words.Add(new Word(tokens[i].Stem, WordList.Normalize(text.AsSpan(start, length)), 1)
            {
                IsName = i > 0 && char.IsUpper(text[start]),
                IsAbbreviated = start + length < text.Length && text[start + length] == '.',
                InStory = sentences is not null && sentence < sentences.Count && sentences[sentence].Tells,
                OpensSentence = i == 0 || sentence > before,
            });
        }

        return words;
    }

    /// <summary>The marks that may end a sentence or a preface.</summary>
    private static readonly SearchValues<char> SentenceMarks = SearchValues.Create(".!?…:");

    /// <summary>
    /// The text's sentences, each by where it ends (after «.», «!», «?» or «…», and a preface before a colon) and
    /// whether it tells rather than asks, when another one asks («Я воспитатель, мы собираем альбом. Что это был за
    /// договор?», «Пару слов для эфира: кто такой Карахан?»); what follows the last question unended ("who was Karakhan?
    /// he is everywhere in my reading") tells too. Null when no sentence tells, as for most questions. A full stop ends
    /// a sentence only after a word of four letters or more and before a capital, so «ст. II» and «г. Пекин» do not; a
    /// colon only after a word («12:00» is a time).
    /// </summary>
    private static List<(int End, bool Tells)>? Sentences(string text)
    {
        var first = text.AsSpan().IndexOfAny(SentenceMarks);
        if (first < 0 || text.AsSpan(first).TrimEnd().Trim('?').IsEmpty)
        {
            return null;
        }

        var sentences = new List<(int End, bool Tells)>();
        var asks = false;
        for (var i = first; i < text.Length; i++)
        {
            var mark = text[i];
            if (!SentenceMarks.Contains(mark))
            {
                continue;
            }

            var next = i + 1;
            while (next < text.Length && text[next] is '.' or '!' or '?' or '…')
            {
                mark = text[next] == '?' ? '?' : mark;
                next++;
            }

            var after = next;
            while (after < text.Length && char.IsWhiteSpace(text[after]))
            {
                after++;
            }

            if (after < text.Length && (after == next || (mark is '.' or '…' && !(char.IsUpper(text[after]) && WordBefore(text, i) >= 4))
                || (mark == ':' && WordBefore(text, i) == 0)))
            {
                i = next - 1;
                continue;
            }

            asks |= mark == '?';
            sentences.Add((next, mark != '?'));
            i = next - 1;
        }

        if (!asks)
        {
            return null;
        }

        if (text.AsSpan(sentences[^1].End).ContainsAnyExcept(" \t\r\n"))
        {
            sentences.Add((text.Length, true));
        }

        return sentences;
    }

    /// <summary>How many letters the word right before <paramref name="at"/> has.</summary>
    private static int WordBefore(string text, int at)
    {
        var start = at;
        while (start > 0 && char.IsLetter(text[start - 1]))
        {
            start--;
        }

        return at - start;
    }

    /// <summary>
    /// Whether a question asks yes or no («ушли ли японцы в 1926?», «правда, что…», "did they leave in 1926?", "…, is
    /// that right?"): Russian «ли», «правда», «верно»; English opening with an auxiliary, or "right", "true" in it.
    /// </summary>
    private static bool AsksYesOrNo(List<Word> words) =>
        words.Exists(w => w.Surface is "ли" or "правда" or "верно" or "right" or "true" or "correct")
        || (words.Count > 0 && Auxiliaries.Contains(words[0].Surface));

    /// <summary>Whether a word asks for a detail («какой регистрационный номер…?», «по чьему поручению…?»): an open question.</summary>
    private bool AsksForADetail(List<string> written)
    {
        for (var i = 0; i < written.Count; i++)
        {
            if (phrases.AsksDetailAt(written, i, out _, out _))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the words as written ask for a day («какого числа», «точная дата», "exact date", "on what day").</summary>
    private static bool AsksForTheDay(List<string> written)
    {
        for (var i = 0; i + 1 < written.Count; i++)
        {
            if ((written[i], written[i + 1]) is ("какого", "числа") or ("какого", "дня") or ("какой", "день") or ("точная", "дата")
                or ("точную", "дату") or ("точный", "день") or ("exact", "date") or ("exact", "day")
                or ("what", "day") or ("which", "day") or ("precise", "date"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the words around <paramref name="at"/> make a question word's phrase without it («в какой [именно] день»).</summary>
    private bool JoinsAQuestionPhrase(List<Word> words, int at)
    {
        var stems = words.Where((_, k) => k != at).Select(w => w.Stem).ToList();
        for (var start = Math.Max(0, at - 3); start < at; start++)
        {
            if (start + phrases.CueLengthAt(stems, start) > at)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Who a question on signing names (<see cref="ReadQuestion.ProposedSigners"/>): its persons, and of its
    /// <paramref name="unknownNames"/> those not after "in" or «в»; none when it does not speak of signing.
    /// </summary>
    private List<string> Signers(List<Word> words, FoldedText folded, List<int> unknownNames)
    {
        if (phrases.SigningTerm is not { } signing || !folded.Terms.Exists(t => t.Term == signing))
        {
            return [];
        }

        var signers = folded.Entities.Where(phrases.IsPerson).Select(LexiconPhrases.EntityTerm).ToList();
        signers.AddRange(unknownNames.Where(i => i == 0 || !PlacePrepositions.Contains(words[i - 1].Surface)).Select(i => words[i].Stem));
        return signers;
    }

    /// <summary>The years of <paramref name="dates"/> written alone after «в» or "in" (<see cref="ReadQuestion.ProposedYears"/>).</summary>
    private static List<string> YearsAfterIn(string question, IReadOnlyList<QuestionDate> dates)
    {
        var years = new List<string>();
        foreach (var date in dates)
        {
            if (date is { Year: { } year, Month: null } && WrittenAsYear(question.AsSpan(date.Start), year)
                && PrecededByIn(question.AsSpan(0, date.Start)) && !StartsDecade(question.AsSpan(date.Start + date.Length)))
            {
                years.Add(DateRecognizer.YearTerm(year));
            }
        }

        return years;
    }

    /// <summary>
    /// Whether the date at the start of <paramref name="text"/> is surely a year: written in full, or short with «год» after
    /// it or nothing but punctuation («в 45-м?»); «в 34-м томе» reads as 1934 too, but names a volume.
    /// </summary>
    private static bool WrittenAsYear(ReadOnlySpan<char> text, int year)
    {
        if (text.StartsWith(DateRecognizer.YearTerm(year), StringComparison.Ordinal))
        {
            return true;
        }

        var end = 0;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] is '-' or '\'' or 'м' or 'г' or 'о'))
        {
            end++;
        }

        var after = text[end..].TrimStart();
        return after.IsEmpty || !char.IsLetter(after[0]) || after.StartsWith("год", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether <paramref name="before"/> ends with the word «в», «во» or "in".</summary>
    private static bool PrecededByIn(ReadOnlySpan<char> before)
    {
        before = before.TrimEnd();
        var start = before.Length;
        while (start > 0 && char.IsLetter(before[start - 1]))
        {
            start--;
        }

        var word = before[start..];
        return word.Equals("в", StringComparison.OrdinalIgnoreCase) || word.Equals("во", StringComparison.OrdinalIgnoreCase) || word.Equals("in", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether <paramref name="after"/>, the text right after a year, makes it a decade ("1920s", «1920-х», «1920-е»).</summary>
    private static bool StartsDecade(ReadOnlySpan<char> after) =>
        after.StartsWith("s", StringComparison.OrdinalIgnoreCase) || after.StartsWith("'s", StringComparison.Ordinal)
        || after.StartsWith("-х", StringComparison.OrdinalIgnoreCase) || after.StartsWith("-е", StringComparison.OrdinalIgnoreCase)
        || after.StartsWith("х", StringComparison.OrdinalIgnoreCase) || after.StartsWith("-ые", StringComparison.OrdinalIgnoreCase)
        || after.StartsWith("-ых", StringComparison.OrdinalIgnoreCase);

    /// <summary>The stems of the content words right after "in", "at", «в», «во» («в Токио»: ток), or only of the names among them.</summary>
    private static List<string> AfterPlacePrepositions(List<Word> words, bool namesOnly)
    {
        var places = new List<string>();
        for (var i = 1; i < words.Count; i++)
        {
            if (PlacePrepositions.Contains(words[i - 1].Surface) && IsContent(words[i]) && (words[i].IsName || !namesOnly))
            {
                places.Add(words[i].Stem);
            }
        }

        return places;
    }

    /// <summary>Reads spoken forms as the word they stand for («а чё там было»: что, not «чей»).</summary>
    private void ReadColloquial(List<Word> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (phrases.Colloquial(words[i].Surface) is { } stem)
            {
                words[i] = words[i] with { Stem = stem };
            }
        }
    }

    private static Language? LanguageOf(List<Word> words)
    {
        int cyrillic = 0, latin = 0;
        foreach (var word in words)
        {
            switch (Scripts.Of(word.Surface))
            {
                case Script.Cyrillic:
                    cyrillic += word.Surface.Length;
                    break;
                case Script.Latin:
                    latin += word.Surface.Length;
                    break;
            }
        }

        return LanguageDetector.FromLetters(cyrillic, latin);
    }

    private static bool HasLetters(Word word) => Scripts.Of(word.Surface) != Script.Other;

    private bool IsUnknown(Word word) => HasLetters(word) && !vocabulary.IsKnown(word.Stem);

    /// <summary>How many words with letters the vocabulary knows, and how many it does not.</summary>
    private int CountKnown(List<Word> words, out int unknown, int minLetters = 1)
    {
        var known = unknown = 0;
        foreach (var word in words)
        {
            if (HasLetters(word) && word.Surface.Length >= minLetters)
            {
                _ = vocabulary.IsKnown(word.Stem) ? known++ : unknown++;
            }
        }

        return known;
    }

    /// <summary>
    /// Reads Latin words as transliterated Russian where that makes sense: all of them when more words are known in
    /// the Cyrillic reading than only in the English one («kogda byl podpisan dogovor»), otherwise only the words
    /// known in Cyrillic alone («treaty podpisan»). Whether all of them were: the question is Russian typed in Latin.
    /// </summary>
    private bool ReadTransliterated(List<Word> words)
    {
        var latin = words.FindAll(w => Scripts.Of(w.Surface) == Script.Latin);
        if (latin.Count == 0)
        {
            return false;
        }

        // One analysis for all the words at once; a word that does not stay one word is not read.
        var cyrillic = latin.ConvertAll(w => Transliterator.ToCyrillic(w.Surface));
        var tokens = TreatyAnalyzer.ForThread.Tokens(string.Join(' ', cyrillic));
        if (tokens.Count != latin.Count)
        {
            return false;
        }

        int english = 0, russian = 0;
        for (var i = 0; i < latin.Count; i++)
        {
            var knownInEnglish = vocabulary.IsKnown(latin[i].Stem);
            var knownInRussian = vocabulary.IsKnown(tokens[i].Stem);
            english += knownInEnglish && !knownInRussian ? 1 : 0;
            russian += knownInRussian && !knownInEnglish ? 1 : 0;
        }

        var transliterated = russian > english;
        for (int i = 0, next = 0; i < words.Count; i++)
        {
            if (Scripts.Of(words[i].Surface) != Script.Latin)
            {
                continue;
            }

            var reading = new Word(tokens[next].Stem, cyrillic[next], words[i].Weight) { IsName = words[i].IsName };
            next++;
            if (vocabulary.IsKnown(reading.Stem) ? transliterated || !vocabulary.IsKnown(words[i].Stem) : transliterated && IsUnknown(words[i]))
            {
                words[i] = reading;
            }
        }

        return transliterated;
    }

    /// <summary>
    /// An unknown word shaped like a verb or an adverb («свалили», «прикрыли», "scrapped", "finally") is most often the
    /// asker's own way of saying what a fact says in other words; a noun no fact uses («погода», "football") is more
    /// often a subject the sources lack. The verb counts as a fraction of an unknown noun.
    /// </summary>
    private void SoftenUnknownVerbs(List<Word> words, FoldedText folded)
    {
        if (folded.Aspects.Overlaps(PreciseAspects))
        {
            return;
        }

        for (var i = 0; i < words.Count; i++)
        {
            if (!words[i].IsName && IsUnknown(words[i]) && LooksLikeVerb(words[i].Surface))
            {
                Soften(folded, words[i].Stem, UnknownVerbWeight);
            }
        }
    }

    /// <summary>
    /// A word no fact uses, in a sentence that tells the asker's story beside one that asks («я воспитатель, мы с
    /// ребятками собираем альбом»), is about the asker, not the question: it counts as a fraction of one in the question.
    /// A name or a figure there counts so too when the question names two known words of its own (<see cref="KnownOutsideTheStory"/>);
    /// otherwise («читал про Брестский мир. Когда его подписали?») it stays whole: it may be the question's subject.
    /// </summary>
    private void SoftenTheStory(List<Word> words, FoldedText folded, bool asksOnItsOwn)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i].InStory && (!words[i].IsName || words[i].OpensSentence || asksOnItsOwn)
                && (IsUnknown(words[i]) || (asksOnItsOwn && IsFigure(words[i]))))
            {
                Soften(folded, words[i].Stem, StoryWeight);
            }
        }
    }

    /// <summary>
    /// How many known words (at most two) the sentences that ask name of their own, past question words and filler. With
    /// two («I teach history in Osaka. Which countries signed the 1925 treaty?») a name or a figure in the asker's story
    /// («Osaka», "81") is about the asker too; a question that leans on the story for its subject («Читал про Брестский
    /// мир. Когда его подписали?») keeps the story's names whole.
    /// </summary>
    private int KnownOutsideTheStory(List<Word> words, WordRole[] roles)
    {
        var known = 0;
        for (var i = 0; i < words.Count && known < 2; i++)
        {
            if (!words[i].InStory && roles[i] is (WordRole.Plain or WordRole.Named or WordRole.Entity) && IsContent(words[i]) && !IsUnknown(words[i]))
            {
                known++;
            }
        }

        return known;
    }

    /// <summary>
    /// Whether the sentences that ask name a person, a place or a document of the lexicon. Then, as when they name two
    /// known words, a refusal's word in the story ("Who was Karakhan? A tourist asked me") is the asker's, not the
    /// question's subject. «Шурин говорит, что СССР подписал Сан-Францисский договор. Подписал или нет?» names its
    /// subject only in the story, and is refused.
    /// </summary>
    private static bool NamesAnEntityOutsideTheStory(List<Word> words, WordRole[] roles)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (!words[i].InStory && roles[i] == WordRole.Entity)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a word is a figure no fact uses ("81 and still curious").</summary>
    private bool IsFigure(Word word) => !HasLetters(word) && !vocabulary.IsKnown(word.Stem);

    /// <summary>Makes the folded term <paramref name="stem"/>, if the question has it, count <paramref name="share"/> of its weight.</summary>
    private static void Soften(FoldedText folded, string stem, double share)
    {
        var at = folded.Terms.FindIndex(t => t.Term == stem);
        if (at >= 0)
        {
            folded.Terms[at] = folded.Terms[at] with { Weight = folded.Terms[at].Weight * share };
        }
    }

    /// <summary>
    /// Replaces each unknown word by the nearest known one. A capitalised word inside the question is a name («the
    /// Dawes Plan»): it may be a misspelt name, but it is never read as a question word or a stop word ("dates").
    /// </summary>
    private void Correct(List<Word> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (IsUnknown(words[i]) && ((words[i].IsAbbreviated ? vocabulary.Complete(words[i].Surface) : null)
                    ?? vocabulary.Correct(words[i].Surface) ?? vocabulary.CorrectStem(words[i].Stem)) is { } stem
                && !(words[i].IsName && (phrases.IsCueWord(stem) || TreatyAnalyzer.StopStems.Contains(stem))))
            {
                words[i] = words[i] with { Stem = stem, Weight = words[i].Weight * CorrectedWeight };
            }
        }
    }

    /// <summary>The date's term as precise as the index knows it (a whole date, else its month, else its year).</summary>
    private string DateTerm(QuestionDate date, List<int> unknownYears)
    {
        if (date.Year is { } year && index.Find(DateRecognizer.YearTerm(year)) is null)
        {
            unknownYears.Add(year);
            return DateRecognizer.YearTerm(year);
        }

        var term = DateRecognizer.Term(date);
        if (index.Find(term) is null && date is { Year: not null, Month: not null })
        {
            var month = DateRecognizer.Term(date with { Day = null });
            term = index.Find(month) is null ? DateRecognizer.Term(date with { Month = null, Day = null }) : month;
        }

        return term;
    }

    private readonly record struct Word(string Stem, string Surface, double Weight)
    {
        /// <summary>Whether the word is written with a capital inside the question (a name, most likely).</summary>
        public bool IsName { get; init; }

        /// <summary>Whether a full stop follows the word at once («назв. конвенции»): it may be cut short.</summary>
        public bool IsAbbreviated { get; init; }

        /// <summary>Whether the word is in a sentence that tells the asker's story while another sentence asks.</summary>
        public bool InStory { get; init; }

        /// <summary>Whether the word opens a sentence: its capital does not make it a name.</summary>
        public bool OpensSentence { get; init; }
    }
}
