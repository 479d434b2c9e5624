using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Knowledge.Matching;

/// <summary>
/// Scores every fact against a question, two ways. The score is the share of the question's meaning (IDF-weighted
/// terms; stop words count little, a word no fact knows counts much) that a fact covers, so it lies in 0..1 and is
/// comparable across questions: it decides whether to answer at all. The rank orders facts: BM25F over the fact's
/// fields, times the score, times the fact's focus on the question (how much of its title or of one of its example
/// questions the question names), so among facts that all mention the words the one that is about them wins.
/// Question words (когда, who…) lower both for facts that do not answer that kind of question. Built once per fact
/// base; thread-safe for matching.
/// </summary>
public sealed class Matcher
{
    private const int Keep = 3;

    /// <summary>Up to this many values a scratch buffer lives on the stack; a much larger fact base uses the heap.</summary>
    private const int StackLimit = 2048;

    /// <summary>A fact that does not answer the kind of question asked (когда → a fact with no date) ranks and scores this much lower.</summary>
    private const double AspectPenalty = 0.4;

    /// <summary>A fact that answers a kindred kind of question (who signed, asked "who was") ranks and scores this much lower.</summary>
    private const double KinPenalty = 0.15;

    /// <summary>Without a question word, a fact that is not an overview (no "what" aspect) ranks and scores this much lower.</summary>
    private const double BroadPenalty = 0.1;

    /// <summary>The rank of a fact whose title and questions name nothing of the question, against one fully named.</summary>
    private const double FocusFloor = 0.25;

    /// <summary>How much a relative of a term (same beginning, other suffix) counts against the term itself.</summary>
    private const double FamilyWeight = 0.6;

    /// <summary>Two titles that share this share of their words (Jaccard) name the same subject.</summary>
    private const double AlikeTitles = 0.6;

    /// <summary>How much being linked to from other facts lifts a fact's rank, per log of links: it breaks near ties.</summary>
    private const double ProminenceWeight = 0.05;

    /// <summary>The detail a fact without a day of its own lacks when the day is asked (shown by <c>ask --explain</c>).</summary>
    private const string DayDetail = "(a day)";

    /// <summary>The rank left to the profile of someone a question does not name, when it names someone else with a profile.</summary>
    private const double OtherProfileRank = 0.5;

    /// <summary>A best fact this little about what a yes/no question names was likely found by its proposed date alone.</summary>
    private const double PremiseFocus = 0.15;

    /// <summary>The fact found without the proposed date answers when it is at least this much about what the question names.</summary>
    private const double EventFocus = 0.5;

    private readonly FactIndex index;
    private readonly Vocabulary vocabulary;
    private readonly QuestionReader reader;
    private readonly LexiconPhrases phrases;

    /// <summary>
    /// The classifier, learned on another thread while the index is built (it reads some ten thousand questions): the
    /// first question waits for it only if it comes sooner.
    /// </summary>
    private readonly Task<FactClassifier> classifier;

    /// <summary>The entity terms of the lexicon's places (#peking, #okha).</summary>
    private readonly HashSet<string> places;

    /// <summary>The entity terms of the lexicon's people (#karakhan, #molotov).</summary>
    private readonly HashSet<string> persons;
    private readonly int[] aspectMasks;

    /// <summary>
    /// The years of the documents the bot is about, as the profile of each dates it (1925 for the Treaty of Peking): a
    /// question names one as its topic («в 1925 году японцы получили половину нефти?»), not as a date to check.
    /// </summary>
    private readonly HashSet<string> namingYears;

    /// <summary>Per fact, the entity terms it is a profile of (empty for most facts).</summary>
    private readonly string[][] profiles;

    /// <summary>The entity terms some fact is a profile of: who the sources say someone was.</summary>
    private readonly HashSet<string> profiled;

    public Matcher(FactBase facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        Facts = facts;
        var words = new WordList();
        phrases = new LexiconPhrases(facts.Lexicon, words);
        places = EntityTerms(facts.Lexicon, "place");
        persons = EntityTerms(facts.Lexicon, "person");
        classifier = Task.Run(() => facts.Classifier);
        index = new FactIndex(facts.Facts, phrases, words);
        vocabulary = new Vocabulary(index.Terms.Concat(phrases.Stems()).Concat(TreatyAnalyzer.StopStems), words);
        reader = new QuestionReader(phrases, vocabulary, index);
        aspectMasks = [.. facts.Facts.Select(f => Mask(f.Aspects))];
        profiles = [.. facts.Facts.Select(f => f.About.Select(LexiconPhrases.EntityTerm).ToArray())];
        profiled = profiles.SelectMany(p => p).ToHashSet(StringComparer.Ordinal);
        var documents = EntityTerms(facts.Lexicon, "document");
        namingYears = facts.Facts.Where((f, i) => f.Dates.Count > 0 && profiles[i].Any(documents.Contains))
            .Select(f => DateRecognizer.YearTerm(f.Dates[0].Year)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>A matcher sharing <paramref name="basis"/>'s index, whose classifier learns from <paramref name="facts"/>.</summary>
    private Matcher(Matcher basis, FactBase facts)
    {
        Facts = facts;
        phrases = basis.phrases;
        places = basis.places;
        persons = basis.persons;
        classifier = Task.Run(() => facts.Classifier);
        index = basis.index;
        vocabulary = basis.vocabulary;
        reader = basis.reader;
        aspectMasks = basis.aspectMasks;
        profiles = basis.profiles;
        profiled = basis.profiled;
        namingYears = basis.namingYears;
    }

    public FactBase Facts { get; }

    /// <summary>
    /// This matcher with the classifier of <paramref name="facts"/>, a base of the same facts that learned other
    /// examples (<see cref="FactBaseLoader.Unlearning"/>): only the classifier is learned anew, the index is shared.
    /// </summary>
    public Matcher Relearning(FactBase facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return ReferenceEquals(facts.Facts, Facts.Facts)
            ? new Matcher(this, facts)
            : throw new ArgumentException("a base of other facts: build a matcher of its own", nameof(facts));
    }

    /// <summary>The entity terms of the lexicon's entities of one kind («place»: #peking, #okha).</summary>
    private static HashSet<string> EntityTerms(Lexicon lexicon, string kind) =>
        lexicon.Entities.Where(e => e.Kind == kind).Select(e => LexiconPhrases.EntityTerm(e.Id)).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Runs the text analysis once on a sample (both scripts, a date), so that a matcher built next on any thread finds
    /// its code compiled. Safe to call at any time, from any thread.
    /// </summary>
    public static void WarmUp()
    {
        var sample = "Когда подписали Пекинский договор 20 января 1925 года? When was the Treaty of Peking signed?";
        _ = TreatyAnalyzer.ForThread.Tokens(DateRecognizer.Blank(sample, DateRecognizer.Find(sample)));
        _ = TreatyAnalyzer.StopStems.Count;
    }

    /// <summary>
    /// Whether two facts are so close that a user need not choose between them: one lists the other as related (it is
    /// then a button under the answer), or their titles name mostly the same things ("Japanese withdrawal from
    /// Sakhalin" for the obligation and for the withdrawal itself).
    /// </summary>
    public bool AreAlike(Fact first, Fact second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Related.Contains(second.Id) || second.Related.Contains(first.Id))
        {
            return true;
        }

        var a = index.Titles[index.Positions[first.Id]];
        var b = index.Titles[index.Positions[second.Id]];
        for (var language = 0; language < a.Count; language++)
        {
            var shared = a[language].Count(b[language].Contains);
            var all = a[language].Count + b[language].Count - shared;
            if (all > 0 && shared >= AlikeTitles * all)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads <paramref name="question"/> and ranks the facts; the best three first.</summary>
    public MatchResult Match(string question) => Match(question, Keep);

    /// <summary>Reads <paramref name="question"/> and ranks the facts; the best <paramref name="keep"/> first.</summary>
    public MatchResult Match(string question, int keep)
    {
        ArgumentNullException.ThrowIfNull(question);
        var read = reader.Read(question);
        var folded = read.Folded;
        var terms = Distinct(folded.Terms);
        var aspects = Asked(folded, read.NamesDay, read.SaysWho);
        var (unknown, unknownTerms) = Unknown(terms);
        var asked = Mask(aspects);
        var subject = folded.Subject is { } entity ? LexiconPhrases.EntityTerm(entity) : null;
        var ranked = Rank(terms, aspects, subject, unknown, keep, out var total);
        var premise = false;
        var refuted = false;
        var offTheEvent = false;
        IReadOnlyList<string> proposed = read.ProposedPlaces.Count == 0 ? read.Dates : [.. read.Dates, .. read.ProposedPlaces];

        // What a yes/no question proposes that can be checked, unless it denies or offers a choice (worked out once).
        var checkable = read.YesOrNo && !read.NegatedOrAlternative ? Proposals(read) : [];
        if (read.YesOrNo && proposed.Count > 0 && ranked.Count > 0 && ranked[0].Focus < PremiseFocus)
        {
            // «Японцы ушли с Сахалина в 1926 году?», "was it signed in Tokyo?": a yes/no question proposes a date or a
            // place to check. When only a fact off the question's subject holds it, the fact on the event itself
            // answers, with the real date or place; checking one asks when or where, so a question with no question
            // word of its own is read so.
            var checking = read.Dates.Count > 0 ? Aspect.When : Aspect.Where;
            var onTheEvent = Rank(Without(terms, proposed), aspects.Count > 0 ? aspects : [checking], subject, unknown, keep, out var eventTotal);
            if (onTheEvent.Count > 0 && onTheEvent[0].Fact != ranked[0].Fact && onTheEvent[0].Focus >= EventFocus)
            {
                (ranked, total, premise) = (onTheEvent, eventTotal, true);
                var position = index.Positions[ranked[0].Fact.Id];
                refuted = !proposed.All(term => index.Holds(term, position)) && CanRefute(read, ranked[0].Fact);
            }
        }
        else if (checkable.Count > 0 && ranked.Count > 0 && ranked[0].Focus >= EventFocus
                 && HoldsNone(checkable, ranked[0].Fact))
        {
            // «Конвенция вступила в силу ещё в январе 1925 года?»: the fact on the event is found, and it holds none of
            // the proposed dates or places. Without them it is surer still, and the answer is "no", then the real one.
            var again = Rank(Without(terms, checkable.Concat(read.Dates)), aspects, subject, unknown, keep, out var againTotal);
            if (again.Count > 0 && again[0].Fact == ranked[0].Fact)
            {
                (ranked, total, premise, refuted) = (again, againTotal, true, CanRefute(read, again[0].Fact));
            }
        }
        else if (checkable.Count > 0 && ranked.Count > 0 && Confirms(checkable, read.WrittenDates, ranked[0].Fact)
                 && (!HoldsEvent(terms, checkable, ranked[0].Fact) || ranked[0].Focus < EventFocus))
        {
            // «Договор подписали 26 февраля 1925 года?»: the fact found holds the proposed day, but not what the question
            // says happened on it (it came into force that day; nothing was signed), or is little about what the question
            // names (Japan's promulgation, on the 27th, tells of its ratification two days before). It does not confirm;
            // the fact on the event, found without the day, answers, with "no" when the day is not its own. A place is
            // not refuted so («Признал ли СССР Курилы японскими?» names the Kurils as what was recognised, not where):
            // the learned gate weighs that answer.
            var again = Rank(Without(terms, checkable.Concat(read.Dates)), aspects, subject, unknown, keep, out var againTotal);
            offTheEvent = true;
            if (again.Count > 0 && again[0].Fact != ranked[0].Fact && again[0].Focus >= EventFocus && HoldsEvent(terms, checkable, again[0].Fact))
            {
                (ranked, total, premise) = (again, againTotal, true);
                refuted = checkable.TrueForAll(DateRecognizer.IsDateTerm) && !Confirms(checkable, read.WrittenDates, again[0].Fact) && CanRefute(read, again[0].Fact);
            }
        }

        var confirmed = !premise && !offTheEvent && checkable.Count > 0 && ranked.Count > 0 && Confirms(checkable, read.WrittenDates, ranked[0].Fact);
        var counting = (asked & Counting) != 0;
        if (read.Detail.Count > 0 || counting)
        {
            CheckDetail(read.Detail, counting, ranked);
        }

        if (read.AsksDay)
        {
            CheckDay(ranked);
        }

        if ((asked & Bit(Aspect.After)) != 0 && (subject is not null || (asked & Bit(Aspect.When)) != 0))
        {
            // «…в итоге когда подписали?», "released in the end, and when?": a later date is asked, and only a fact that
            // tells what came later has it.
            CheckLater(subject, ranked);
        }

        return new MatchResult(ranked, aspects, folded.Refusal, folded.SmallTalk, read.UnknownYears, read.Language)
        {
            Learned = classifier.Result.Classify(read.Retyped ?? question, ranked),
            Reading = new QuestionReading(
                terms.Keys,
                folded.Entities,
                read.Dates,
                folded.Filler,
                folded.Page,
                ContentWeight: total,
                UnknownWeight: unknown)
            {
                HasContent = terms.Keys.Any(t => !TreatyAnalyzer.StopStems.Contains(t)),
                Detail = read.Detail,
                Unknown = unknownTerms ?? [],
                ProposalSetAside = premise,
                ProposalRefuted = refuted,
                ProposalConfirmed = confirmed,
                ProposalOffTheEvent = offTheEvent,
                ProposedDays = checkable.Count > 0 && checkable.TrueForAll(DateRecognizer.IsDateTerm) ? checkable : [],
                ProposedYears = !read.NegatedOrAlternative && !read.NamesDay && checkable.Count == 0
                    ? [.. read.ProposedYears.Where(year => !namingYears.Contains(year))]
                    : [],
                ProposedCounts = read.NegatedOrAlternative ? [] : read.ProposedCounts,
                ProposedSigners = read.NegatedOrAlternative ? [] : read.ProposedSigners,
            },
        };
    }

    /// <summary>
    /// Whether <paramref name="fact"/> holds all a yes/no question proposes (<see cref="Proposals"/>: a year alone is
    /// most often the topic, «нефтяная концессия до 1970 года?», and proposes nothing) and every date it names, a day or
    /// a month as the fact's own date: «переговоры начались 15 мая 1924 года?» is not confirmed by a fact that dates
    /// them 14 May and mentions 15 May as another source's reading.
    /// </summary>
    private bool Confirms(List<string> proposals, IReadOnlyList<string> dates, Fact fact)
    {
        var position = index.Positions[fact.Id];
        return proposals.TrueForAll(term => index.Holds(term, position))
            && dates.All(date => DateRecognizer.IsYearTerm(date) ? index.Holds(date, position) : fact.Dates.Count > 0 && DateRecognizer.Terms(fact.Dates[0]).Contains(date));
    }

    /// <summary>
    /// Whether <paramref name="fact"/>, however it was found, refutes what the yes/no question read as
    /// <paramref name="reading"/> proposes: a day or month (<see cref="QuestionReading.ProposedDays"/>) when it has one of
    /// its own and holds none of the proposed ones, as the check of the best fact in <see cref="Match(string, int)"/>
    /// refutes; a year (<see cref="QuestionReading.ProposedYears"/>) when it dates its event and mentions none of them
    /// («подписали в 1924 году?» against the signing on 20 January 1925); a count when its answer in
    /// <paramref name="language"/> counts the same thing only with other numbers («на 99 лет?» against 45 years); a
    /// signer when it tells of a signing, names who signed and none of them («договор подписал Чичерин?» against Karakhan
    /// and Yoshizawa).
    /// </summary>
    public bool RefutesProposal(QuestionReading reading, Fact fact, Language language)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(fact);
        return (reading.ProposedDays.Count > 0 && HasOwnMonth(fact) && HoldsNone(reading.ProposedDays, fact))
            || (reading.ProposedYears.Count > 0 && fact.Dates.Count > 0 && HoldsNone(reading.ProposedYears, fact))
            || (reading.ProposedCounts.Count > 0 && CountClaims.Refutes(reading.ProposedCounts, CountClaims.Find(fact.Answer[language])))
            || (reading.ProposedSigners.Count > 0 && NamesSigners(fact) && HoldsNone(reading.ProposedSigners, fact));
    }

    /// <summary>Whether the question read as <paramref name="reading"/> names a person or a place of the lexicon.</summary>
    public bool NamesSomeoneOrSomewhere(QuestionReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return reading.Entities.Select(LexiconPhrases.EntityTerm).Any(e => persons.Contains(e) || places.Contains(e));
    }

    /// <summary>Whether <paramref name="fact"/> tells of a signing and names people: who signed, most likely.</summary>
    private bool NamesSigners(Fact fact)
    {
        var position = index.Positions[fact.Id];
        return phrases.SigningTerm is { } signing && index.Holds(signing, position) && persons.Any(person => index.Holds(person, position));
    }

    /// <summary>Whether <paramref name="fact"/> holds none of <paramref name="terms"/>, as the facts are indexed.</summary>
    private bool HoldsNone(IReadOnlyList<string> terms, Fact fact)
    {
        var position = index.Positions[fact.Id];
        return !terms.Any(term => index.Holds(term, position));
    }

    /// <summary>
    /// Whether <paramref name="fact"/> holds every word of the question that the facts know, besides its dates, stop words
    /// and what it proposes: what the question says happened («подписали», "ratify"), not only when or where.
    /// </summary>
    private bool HoldsEvent(Dictionary<string, double> terms, List<string> proposals, Fact fact)
    {
        var position = index.Positions[fact.Id];
        foreach (var term in terms.Keys)
        {
            if (!TreatyAnalyzer.StopStems.Contains(term) && !DateRecognizer.IsDateTerm(term) && !proposals.Contains(term)
                && index.Idf(term) > 0 && !index.Holds(term, position))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether <paramref name="fact"/> can say "no" to the day or month a question proposes: only with a day or month of
    /// its own. A fact that says the sources do not give the day («каким актом и в какой день…») answers, but not "no".
    /// </summary>
    private static bool CanRefute(ReadQuestion read, Fact fact) => !read.NamesDay || HasOwnMonth(fact);

    /// <summary>Whether the first date of <paramref name="fact"/>, the day of the event it tells, has a month or a day.</summary>
    private static bool HasOwnMonth(Fact fact) => fact.Dates.Count > 0 && fact.Dates[0].Month is not null;

    /// <summary>The question's terms without <paramref name="removed"/>: the proposal a yes/no question makes, set aside.</summary>
    private static Dictionary<string, double> Without(Dictionary<string, double> terms, IEnumerable<string> removed)
    {
        var without = new Dictionary<string, double>(terms, StringComparer.Ordinal);
        foreach (var term in removed)
        {
            without.Remove(term);
        }

        return without;
    }

    /// <summary>
    /// What a yes/no question proposes that a fact can be checked against: the dates it names, as written, when one has
    /// a month or a day; the places of the lexicon it names after "in" or «в»; names written with a capital there ("in
    /// Tokyo").
    /// </summary>
    private List<string> Proposals(ReadQuestion read)
    {
        // A year alone is most often the question's topic («по договору 1925 года»), not what it proposes.
        var proposals = read.NamesDay ? [.. read.WrittenDates] : new List<string>();
        foreach (var entity in read.Folded.Entities)
        {
            var term = LexiconPhrases.EntityTerm(entity);
            if (places.Contains(term) && phrases.WordsOf(term) is { } names && read.ProposedPlaces.Any(names.Contains))
            {
                proposals.Add(term);
            }
        }

        proposals.AddRange(read.ProposedNames.Where(name => !places.Any(p => phrases.WordsOf(p)?.Contains(name) == true)));
        return proposals;
    }

    /// <summary>Scores every fact against <paramref name="terms"/> and keeps the best <paramref name="keep"/> by rank.</summary>
    private List<ScoredFact> Rank(Dictionary<string, double> terms, HashSet<Aspect> aspects, string? subject, double unknown, int keep, out double total)
    {
        var count = index.Count;
        Span<double> coverage = count <= StackLimit ? stackalloc double[count] : new double[count];
        Span<double> bm25 = count <= StackLimit ? stackalloc double[count] : new double[count];
        total = Weigh(terms, coverage, bm25);
        Span<double> focus = count <= StackLimit ? stackalloc double[count] : new double[count];
        Span<double> named = index.Focus.Count <= StackLimit ? stackalloc double[index.Focus.Count] : new double[index.Focus.Count];
        index.Focus.Measure(Named(terms), aspects, named, focus);
        var asked = Mask(aspects);
        var kin = Kin(asked);
        // «кто такой Сталин»: someone the facts only mention, with no profile, is not told about by any of them.
        var unprofiled = (asked & Bit(Aspect.WhoIs)) != 0 && subject is not null && !profiled.Contains(subject);

        // «Какую роль сыграл Молотов…»: when the question names someone with a profile, another person's profile is not about it.
        var namesProfiled = terms.Keys.Any(t => profiled.Contains(t) && persons.Contains(t));
        var ranked = new List<ScoredFact>(keep + 1);
        for (var i = 0; i < count && total > 0; i++)
        {
            if (coverage[i] <= 0)
            {
                continue;
            }

            var fact = Facts.Facts[i];
            var aspect = AspectFit(aspectMasks[i], asked, kin);
            var score = Math.Clamp(coverage[i] / total * aspect, 0, 1);
            var prominence = 1 + (ProminenceWeight * index.Prominence[i]);
            var about = profiles[i].Length == 0 || (asked & Bit(Aspect.WhoIs)) != 0 || IsSubject(profiles[i], subject)
                ? focus[i]
                : focus[i] * NamedShare(profiles[i], terms, total);
            var rank = bm25[i] * aspect * score * prominence * (FocusFloor + ((1 - FocusFloor) * about));
            if (namesProfiled && profiles[i].Length > 0 && Array.TrueForAll(profiles[i], persons.Contains) && !Array.Exists(profiles[i], terms.ContainsKey))
            {
                rank *= OtherProfileRank;
            }

            if (ranked.Count < keep || rank > ranked[^1].Rank)
            {
                var known = total - unknown > 0 ? Math.Clamp(coverage[i] / (total - unknown), 0, 1) : 0;
                var otherKind = unprofiled
                    || (aspect <= 1 - AspectPenalty && !(fact.Dates.Count > 0 && (asked & Bit(Aspect.When)) != 0) && (asked & Counting) == 0);
                Insert(ranked, keep, new ScoredFact(fact, score, rank, about) { Known = known, Fit = aspect, OtherKind = otherKind, ProfilesSubject = IsSubject(profiles[i], subject) });
            }
        }

        return ranked;
    }

    /// <summary>
    /// A term of <see cref="QuestionReading.Terms"/> as a person can read it: an alias group by its first phrase (≈СССР);
    /// a stem, a date (@1925-01-20) or an entity (#karakhan) as it is. For explaining, not for matching.
    /// </summary>
    public static string Describe(Lexicon lexicon, string term)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        ArgumentNullException.ThrowIfNull(term);
        return term.StartsWith('≈')
            && int.TryParse(term.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture, out var group)
            && group < lexicon.Aliases.Count
                ? "≈" + lexicon.Aliases[group].Phrases[0]
                : term;
    }

    /// <summary>
    /// How much of the question is the entity a profile is about: a question that only names Karakhan, or asks who he
    /// was, is about his profile; one that names him among other things («какое соглашение Карахан подписал с
    /// Китаем») is about those things, so his profile's focus shrinks to his share of the question.
    /// </summary>
    private double NamedShare(string[] entities, Dictionary<string, double> terms, double total)
    {
        var named = 0.0;
        foreach (var entity in entities)
        {
            if (terms.TryGetValue(entity, out var certainty))
            {
                named += index.Idf(entity) * certainty;
            }
        }

        return total > 0 ? Math.Min(1, named / total) : 0;
    }

    /// <summary>
    /// Whether a profile is of the entity the question asks about («что за договор…»: the treaty's overview);
    /// <paramref name="subject"/> is that entity's term (<see cref="LexiconPhrases.EntityTerm"/>), made once per question.
    /// </summary>
    private static bool IsSubject(string[] entities, string? subject) =>
        subject is not null && Array.IndexOf(entities, subject) >= 0;

    /// <summary>
    /// Notes, on each of the best facts, the words of the asked detail it does not hold, neither as written nor by a
    /// relative (радиостанций: радиостанции), and, for "how many", whether it can give a count at all.
    /// </summary>
    private void CheckDetail(IReadOnlyList<string> detail, bool howMany, List<ScoredFact> ranked)
    {
        // Each word with its relatives, worked out once for all the facts.
        var words = new List<string>[detail.Count];
        for (var w = 0; w < detail.Count; w++)
        {
            words[w] = [detail[w]];
            vocabulary.AddFamily(detail[w], words[w]);
        }

        for (var r = 0; r < ranked.Count; r++)
        {
            var fact = index.Positions[ranked[r].Fact.Id];
            var lacksCount = howMany && (aspectMasks[fact] & (Bit(Aspect.HowMany) | Bit(Aspect.HowLong))) == 0 && !index.Counts(fact);
            List<string>? lacks = null;
            for (var w = 0; w < detail.Count; w++)
            {
                if (!words[w].Exists(word => index.Holds(word, fact)))
                {
                    (lacks ??= []).Add(detail[w]);
                }
            }

            if (lacksCount || lacks is not null)
            {
                ranked[r] = ranked[r] with { Lacks = lacks ?? [], LacksCount = lacksCount };
            }
        }
    }

    /// <summary>
    /// Notes, on each of the best facts, whether its own date has neither day nor month when the question asks for the
    /// day («точная дата признания Францией»: the 1924 recognitions are dated by year): it may not give that detail.
    /// </summary>
    private static void CheckDay(List<ScoredFact> ranked)
    {
        for (var r = 0; r < ranked.Count; r++)
        {
            // A fact dated to the month («в мае 1925 года; точный день не установлен») answers as well as the sources can.
            if (ranked[r].Fact.Dates is not [{ Month: not null }, ..])
            {
                ranked[r] = ranked[r] with { Lacks = [.. ranked[r].Lacks, DayDetail] };
            }
        }
    }

    /// <summary>
    /// Notes, on each of the best facts (with a subject, each that is its profile), whether it cannot tell what came later
    /// (no "after" aspect): «дальнейшая судьба Карахана» is not answered by who Karakhan was, nor «в итоге когда
    /// подписали?» by an article that only promised a treaty.
    /// </summary>
    private void CheckLater(string? subject, List<ScoredFact> ranked)
    {
        for (var r = 0; r < ranked.Count; r++)
        {
            var fact = index.Positions[ranked[r].Fact.Id];
            if ((subject is null || IsSubject(profiles[fact], subject)) && (aspectMasks[fact] & Bit(Aspect.After)) == 0)
            {
                ranked[r] = ranked[r] with { LacksLater = true };
            }
        }
    }

    /// <summary>The weight of the question's words that no fact uses (a detail the base may not hold), and those words.</summary>
    private (double Weight, List<string>? Terms) Unknown(Dictionary<string, double> terms)
    {
        var unknown = 0.0;
        List<string>? words = null;
        foreach (var (term, certainty) in terms)
        {
            if (index.Find(term) is null && !TreatyAnalyzer.StopStems.Contains(term))
            {
                unknown += index.UnknownIdf * certainty;
                (words ??= []).Add(term);
            }
        }

        return (unknown, words);
    }

    /// <summary>
    /// Adds up, per fact (into zeroed <paramref name="coverage"/> and <paramref name="bm25"/>), how much of each term it covers (IDF-weighted, by the best field it is in) and its BM25F
    /// weight; a term's family (установ: установлен) counts part. Returns the question's whole weight, in which a
    /// term no fact knows counts more than any known one.
    /// </summary>
    private double Weigh(Dictionary<string, double> terms, Span<double> coverage, Span<double> bm25)
    {
        Span<double> termCoverage = coverage.Length <= StackLimit ? stackalloc double[coverage.Length] : new double[coverage.Length];
        Span<double> termBm25 = coverage.Length <= StackLimit ? stackalloc double[coverage.Length] : new double[coverage.Length];
        var family = new List<string>();
        var total = 0.0;
        foreach (var (term, certainty) in terms)
        {
            var share = certainty * (TreatyAnalyzer.StopStems.Contains(term) ? FactIndex.StopWeight : 1);
            var weight = (index.Find(term) is null ? index.UnknownIdf : index.Idf(term)) * share;
            total += weight;
            family.Clear();
            vocabulary.AddFamily(term, family);
            if (family.Count == 0)
            {
                foreach (var posting in index.Find(term) ?? [])
                {
                    coverage[posting.Fact] += weight * posting.BestField;
                    bm25[posting.Fact] += share * posting.Bm25;
                }

                continue;
            }

            termCoverage.Clear();
            termBm25.Clear();
            Collect(term, 1, termCoverage, termBm25);
            foreach (var relative in family)
            {
                Collect(relative, FamilyWeight, termCoverage, termBm25);
            }

            for (var i = 0; i < coverage.Length; i++)
            {
                coverage[i] += weight * termCoverage[i];
                bm25[i] += share * termBm25[i];
            }
        }

        return total;
    }

    /// <summary>What the question names, for focus: its known terms, and the month and year of a date it names.</summary>
    private IEnumerable<(string Term, double Weight)> Named(Dictionary<string, double> terms)
    {
        foreach (var (term, certainty) in terms)
        {
            yield return (term, index.Weight(term) * Math.Min(1, certainty));
            foreach (var broader in DateRecognizer.Broader(term))
            {
                yield return (broader, index.Weight(broader));
            }
        }
    }

    /// <summary>
    /// The aspects a question asks for. A question that names a day or a month and asks nothing else asks about an
    /// event then (when); a bare year is a topic («что получила Япония по договору 1925 года»), as is any date beside
    /// another question word.
    /// </summary>
    private HashSet<Aspect> Asked(FoldedText folded, bool namesDay, bool saysWho)
    {
        if (namesDay && folded.Aspects.Count == 0)
        {
            return [Aspect.When];
        }

        // "who were the parties to it?", «кем были уполномоченные?»: "who was" with no one named asks who, not who someone
        // is; "a less favourable position" asks neither.
        if (folded.Aspects.Contains(Aspect.WhoIs) && !phrases.NamesAPerson(folded.Entities))
        {
            HashSet<Aspect> asked = [.. folded.Aspects];
            asked.Remove(Aspect.WhoIs);
            if (saysWho)
            {
                asked.Add(Aspect.Who);
            }

            return asked;
        }

        return folded.Aspects;
    }

    /// <summary>
    /// 1 for a fact that answers the kind of question asked, less for one that does not. A question with no question
    /// word ("нефтяная концессия") wants the overview, so facts that do not say what something is lose a little.
    /// </summary>
    /// <param name="fact">The aspects the fact answers (<see cref="Mask"/>).</param>
    /// <param name="asked">The aspects the question asks for; none: it wants "what".</param>
    /// <param name="kin">The kinds close to the asked ones (<see cref="Kin"/>), worked out once per question.</param>
    private static double AspectFit(int fact, int asked, int kin) => asked == 0
        ? ((fact & Bit(Aspect.What)) != 0 ? 1 : 1 - BroadPenalty)
        : (fact & asked) != 0 ? 1
        : (fact & kin) != 0 ? 1 - KinPenalty
        : 1 - AspectPenalty;

    /// <summary>
    /// Whether <paramref name="fact"/> answers another kind of question than <paramref name="aspects"/> asks (the date
    /// and place of the signing, asked who signed), as <see cref="ScoredFact.OtherKind"/> says of a fact the matcher
    /// ranked: for a fact it did not.
    /// </summary>
    public static bool AnswersOtherKind(Fact fact, IReadOnlySet<Aspect> aspects)
    {
        ArgumentNullException.ThrowIfNull(fact);
        ArgumentNullException.ThrowIfNull(aspects);
        var asked = Mask(aspects);
        return AspectFit(Mask(fact.Aspects), asked, Kin(asked)) <= 1 - AspectPenalty
            && !(fact.Dates.Count > 0 && (asked & Bit(Aspect.When)) != 0) && (asked & Counting) == 0;
    }

    /// <summary>
    /// The kinds of question close to the asked ones: "who was Karakhan" is half answered by who signed, "what became
    /// of" and "what did it mean" by what it was, "what did it mean" also by why.
    /// </summary>
    private static int Kin(int asked)
    {
        var kin = 0;
        kin |= (asked & Bit(Aspect.WhoIs)) != 0 ? Bit(Aspect.Who) | Bit(Aspect.What) : 0;
        kin |= (asked & Bit(Aspect.Who)) != 0 ? Bit(Aspect.WhoIs) : 0;
        kin |= (asked & Bit(Aspect.After)) != 0 ? Bit(Aspect.What) | Bit(Aspect.When) : 0;
        kin |= (asked & Bit(Aspect.Meaning)) != 0 ? Bit(Aspect.What) | Bit(Aspect.Why) : 0;
        kin |= (asked & Bit(Aspect.Why)) != 0 ? Bit(Aspect.Meaning) : 0;
        kin |= (asked & Bit(Aspect.What)) != 0 ? Bit(Aspect.WhoIs) | Bit(Aspect.Meaning) | Bit(Aspect.After) : 0;
        kin |= (asked & Bit(Aspect.HowLong)) != 0 ? Bit(Aspect.When) : 0;
        return kin;
    }

    private static int Bit(Aspect aspect) => 1 << (int)aspect;

    /// <summary>The kinds of question that ask for a number: how many, how long.</summary>
    private static readonly int Counting = Bit(Aspect.HowMany) | Bit(Aspect.HowLong);

    /// <summary>A set of aspects as bits, one per <see cref="Aspect"/> value.</summary>
    private static int Mask(IEnumerable<Aspect> aspects)
    {
        var mask = 0;
        foreach (var aspect in aspects)
        {
            mask |= Bit(aspect);
        }

        return mask;
    }

    /// <summary>Each distinct term once, with the reader's strongest certainty of it.</summary>
    private static Dictionary<string, double> Distinct(List<WeightedTerm> terms)
    {
        var certainties = new Dictionary<string, double>(terms.Count, StringComparer.Ordinal);
        foreach (var (term, certainty) in terms)
        {
            certainties[term] = Math.Max(certainties.GetValueOrDefault(term), certainty);
        }

        return certainties;
    }

    private static void Insert(List<ScoredFact> top, int keep, ScoredFact candidate)
    {
        var index = 0;
        while (index < top.Count && top[index].Rank >= candidate.Rank)
        {
            index++;
        }

        if (index >= keep)
        {
            return;
        }

        top.Insert(index, candidate);
        if (top.Count > keep)
        {
            top.RemoveAt(keep);
        }
    }

    /// <summary>Notes, per fact, how well <paramref name="term"/> matches it (the best of the term and its family).</summary>
    private void Collect(string term, double strength, Span<double> coverage, Span<double> bm25)
    {
        foreach (var posting in index.Find(term) ?? [])
        {
            coverage[posting.Fact] = Math.Max(coverage[posting.Fact], strength * posting.BestField);
            bm25[posting.Fact] = Math.Max(bm25[posting.Fact], strength * posting.Bm25);
        }
    }
}
