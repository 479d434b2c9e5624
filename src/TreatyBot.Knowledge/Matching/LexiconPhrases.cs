using System.Globalization;
using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Knowledge.Matching;

/// <summary>A term of analysed text and how sure the reader is of it (a corrected word counts less, a date more).</summary>
internal readonly record struct WeightedTerm(string Term, double Weight);

/// <summary>What a word of a question became when it was folded through the lexicon.</summary>
internal enum WordRole : byte
{
    /// <summary>A word of its own: a term as it is.</summary>
    Plain,

    /// <summary>Part of a question word (когда, в каком году).</summary>
    Cue,

    /// <summary>Politeness or filler, left out.</summary>
    Filler,

    /// <summary>Part of an alias, folded into one term.</summary>
    Named,

    /// <summary>Part of an entity's name (a person, a place, a document), folded into one term.</summary>
    Entity,

    /// <summary>Part of a refusal topic, small talk or a page's name.</summary>
    Other,
}

/// <summary>Text folded through the lexicon: its terms, the aspects it asks for, and any refusal topic or small talk.</summary>
internal sealed class FoldedText
{
    public List<WeightedTerm> Terms { get; } = new(8);

    /// <summary>What each word of the text became, in the order of the words.</summary>
    public WordRole[] Roles { get; set; } = [];

    public HashSet<Aspect> Aspects { get; } = [];

    public Refusal? Refusal { get; set; }

    /// <summary>Where the refusal's phrase starts among the words, when there is one.</summary>
    public int RefusalAt { get; set; } = -1;

    public SmallTalk? SmallTalk { get; set; }

    /// <summary>A page of the bot the text names in a word (хронология), not counted as a term.</summary>
    public BotPage? Page { get; set; }

    /// <summary>The entities (people, places…) the text names, by id.</summary>
    public HashSet<string> Entities { get; } = new(StringComparer.Ordinal);

    /// <summary>How many words were politeness or filler and left out.</summary>
    public int Filler { get; set; }

    /// <summary>
    /// The entity the question asks about, when it names one right after its question word («что за договор…», "who
    /// was Karakhan"), by id; null otherwise.
    /// </summary>
    public string? Subject { get; set; }
}

/// <summary>
/// The phrases of lexicon.yaml as stem sequences: alias phrases fold into one term per group ("≈3"), question words
/// become aspects, and in a question refusal topics and small talk are noted. Facts and questions fold the same way.
/// </summary>
internal sealed class LexiconPhrases
{
    private readonly PhraseTable<int> aliases = new();
    private readonly PhraseTable<Aspect> cues = new();
    private readonly PhraseTable<Refusal> refusals = new();

    /// <summary>Per refusal that has them, the words of the story that keep it from refusing (<see cref="Refusal.Unless"/>).</summary>
    private readonly Dictionary<Refusal, PhraseTable<bool>> waivers = new(ReferenceEqualityComparer.Instance);

    /// <summary>Per refusal that has them, the entities whose naming keeps it from refusing (<see cref="Refusal.UnlessNamed"/>).</summary>
    private readonly Dictionary<Refusal, HashSet<string>> namedWaivers = new(ReferenceEqualityComparer.Instance);

    /// <summary>Each small-talk phrase's place in lexicon.yaml's list (<see cref="talks"/>), the most general first.</summary>
    private readonly PhraseTable<int> smallTalk = new();
    private readonly IReadOnlyList<SmallTalk> talks;
    private readonly PhraseTable<bool> filler = new();
    private readonly PhraseTable<BotPage> pages = new();
    private readonly PhraseTable<string> entities = new();
    private readonly PhraseTable<bool> details = new();
    private readonly HashSet<string> stems = new(StringComparer.Ordinal);
    private readonly HashSet<string> nameWords = new(StringComparer.Ordinal);
    private readonly HashSet<string> people = new(StringComparer.Ordinal);
    private readonly HashSet<string> determiners = new(StringComparer.Ordinal);

    /// <summary>The stems of every question-word phrase (когда, what, date).</summary>
    private readonly HashSet<string> cueWords = new(StringComparer.Ordinal);

    /// <summary>Words passed over between a detail word and the word naming the detail, as written (earlier, точно).</summary>
    private readonly HashSet<string> modifiers = new(StringComparer.Ordinal);
    private readonly HashSet<string> generic = new(StringComparer.Ordinal);

    /// <summary>Numbers written as words, as written (пять, двух, half).</summary>
    private readonly HashSet<string> numbers = new(StringComparer.Ordinal);

    /// <summary>Spoken forms as written (чё), each with the stem of the word it stands for (что).</summary>
    private readonly Dictionary<string, string> colloquial = new(StringComparer.Ordinal);

    /// <summary>Per alias group and entity term, the stems of all its phrases («северная часть Сахалина»: част…).</summary>
    private readonly Dictionary<string, HashSet<string>> wordsOf = new(StringComparer.Ordinal);

    /// <summary>The stems of the one-word phrases of alias groups: «заключили» gives «заключ».</summary>
    private readonly HashSet<string> aliasWords = new(StringComparer.Ordinal);

    public LexiconPhrases(Lexicon lexicon, WordList words)
    {
        for (var group = 0; group < lexicon.Aliases.Count; group++)
        {
            foreach (var phrase in lexicon.Aliases[group].Phrases)
            {
                var phraseStems = Stems(words, phrase);
                aliases.Add(phraseStems, group);
                if (phraseStems is [var one])
                {
                    aliasWords.Add(one);
                }
            }

            NoteWords(AliasTerm(group), lexicon.Aliases[group].Phrases);
        }

        foreach (var cue in lexicon.Cues)
        {
            Add(cues, words, cue.Phrases, cue.Aspect);
            foreach (var phrase in cue.Phrases)
            {
                cueWords.UnionWith(TreatyAnalyzer.ForThread.Stems(phrase));
            }
        }

        foreach (var refusal in lexicon.Refusals)
        {
            Add(refusals, words, refusal.Phrases, refusal);
            if (refusal.Unless.Count > 0)
            {
                Add(waivers[refusal] = new PhraseTable<bool>(), words, refusal.Unless, true);
            }

            if (refusal.UnlessNamed.Count > 0)
            {
                namedWaivers[refusal] = lexicon.Entities.Where(e => refusal.UnlessNamed.Contains(e.Kind)).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
            }
        }

        talks = lexicon.SmallTalk;
        for (var i = 0; i < talks.Count; i++)
        {
            Add(smallTalk, words, talks[i].Phrases, i);
        }

        Add(filler, words, lexicon.Filler, true);
        foreach (var page in lexicon.Pages)
        {
            Add(pages, words, page.Phrases, page.Page);
        }

        foreach (var entity in lexicon.Entities)
        {
            Add(entities, words, entity.Names, entity.Id);
            NoteWords(EntityTerm(entity.Id), entity.Names);
        }

        foreach (var modifier in lexicon.Details.Modifiers)
        {
            modifiers.UnionWith(Written(modifier));
        }

        foreach (var word in lexicon.Details.Generic)
        {
            generic.UnionWith(Written(word));
        }

        foreach (var number in lexicon.Numbers)
        {
            numbers.UnionWith(Written(number));
        }

        foreach (var forms in lexicon.Colloquial)
        {
            if (TreatyAnalyzer.ForThread.Stems(forms[0]) is not [var stem])
            {
                continue;
            }

            foreach (var form in forms.Skip(1))
            {
                foreach (var written in Written(form))
                {
                    colloquial[written] = stem;
                }
            }
        }

        // As written, not by stem: «какой» asks for a detail where «как» does not, and both stem to «как».
        foreach (var phrase in lexicon.Details.Determiners)
        {
            var written = Written(phrase);
            details.Add(written, false);
            if (written.Count == 1)
            {
                determiners.Add(written[0]);
            }
        }

        foreach (var phrase in lexicon.Details.Words.Concat(lexicon.Details.Names))
        {
            details.Add(Written(phrase), true);
        }

        foreach (var phrase in lexicon.Details.Names)
        {
            nameWords.UnionWith(TreatyAnalyzer.ForThread.Stems(phrase).Where(s => !TreatyAnalyzer.StopStems.Contains(s)));
        }

        people.UnionWith(lexicon.Entities.Where(e => e.Kind == "person").Select(e => e.Id));
        SigningTerm = aliases.TryMatchAt(Stems(words, "signed"), 0, out _, out var signing) ? AliasTerm(signing) : null;
    }

    /// <summary>The stems of the words that ask for a person's name (звал, name): a fact that names a person holds them.</summary>
    public IReadOnlySet<string> NameWords => nameWords;

    /// <summary>Whether any of <paramref name="entities"/> (ids) is a person.</summary>
    public bool NamesAPerson(IEnumerable<string> entities) => entities.Any(IsPerson);

    /// <summary>Whether <paramref name="written"/> (a word as written) alone asks for a particular detail: «какие», «сколько», "which".</summary>
    public bool IsDeterminer(string written) => determiners.Contains(written);

    /// <summary>The term an entity folds into: all its names are one term.</summary>
    public static string EntityTerm(string id) => "#" + id;

    /// <summary>
    /// The term every word of signing folds into («подписали», "signed", "signatories"): a yes/no question on who signed
    /// proposes a signer, which a fact naming who signed can refute. Null when the lexicon has no such alias.
    /// </summary>
    public string? SigningTerm { get; }

    /// <summary>Whether the entity <paramref name="id"/> is a person.</summary>
    public bool IsPerson(string id) => people.Contains(id);

    /// <summary>Every stem of every phrase: words the matcher knows even if no fact uses them.</summary>
    public IReadOnlySet<string> Stems() => stems;

    /// <summary>The stem of the word a spoken form stands for («чё»: что), or null for any other word.</summary>
    public string? Colloquial(string written) => colloquial.GetValueOrDefault(written);

    /// <summary>Whether <paramref name="stem"/> is a word of a question-word phrase (когда, date, what).</summary>
    public bool IsCueWord(string stem) => cueWords.Contains(stem);

    /// <summary>Whether <paramref name="word"/>, as written, is passed over after a detail word ("what earlier convention").</summary>
    public bool IsModifier(string word) => modifiers.Contains(word);

    /// <summary>Whether <paramref name="word"/>, as written, is too general to name a detail («условиях», "kind", «позицию»).</summary>
    public bool IsGenericDetail(string word) => generic.Contains(word);

    /// <summary>Whether <paramref name="word"/>, as written (lower case, ё as е), is a number: a figure or a number word.</summary>
    public bool IsNumber(string word) => word.AsSpan().ContainsAnyInRange('0', '9') || numbers.Contains(word);

    /// <summary>The stems of every phrase of an alias group or entity term (≈4, #northern-sakhalin); null for another term.</summary>
    public IReadOnlySet<string>? WordsOf(string term) => wordsOf.GetValueOrDefault(term);

    /// <summary>The length of the question word's phrase that starts at <paramref name="start"/> of <paramref name="stems"/>; 0 for none.</summary>
    public int CueLengthAt(IReadOnlyList<string> stems, int start) => cues.TryMatchAt(stems, start, out var length, out _) ? length : 0;

    /// <summary>
    /// Whether a phrase that asks for a detail starts at <paramref name="start"/> of the words as written, and whether
    /// it names the detail itself («как звали», "name") or the word after it does (какой, which).
    /// </summary>
    public bool AsksDetailAt(IReadOnlyList<string> words, int start, out int length, out bool namesItself) =>
        details.TryMatchAt(words, start, out length, out namesItself);

    /// <summary>Folds <paramref name="words"/>, longest phrase first at each place; a question also checks refusals and small talk.</summary>
    public FoldedText Fold(IReadOnlyList<WeightedTerm> words, bool question)
    {
        var folded = new FoldedText { Roles = new WordRole[words.Count] };
        var stemsOnly = new string[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            stemsOnly[i] = AliasWordWithoutVowel(words[i].Term) ?? words[i].Term;
        }

        var talkAt = -1;
        for (var i = 0; i < stemsOnly.Length;)
        {
            var role = WordRole.Other;
            if (question && refusals.TryMatchAt(stemsOnly, i, out var length, out var refusal))
            {
                if (folded.Refusal is null)
                {
                    (folded.Refusal, folded.RefusalAt) = (refusal, i);
                }
            }
            else if (question && smallTalk.TryMatchAt(stemsOnly, i, out length, out var talk) && AtEdge(folded.Roles, i, length))
            {
                // "hey bot, who are you?": lexicon.yaml lists small talk from the most general (a greeting) to the most
                // particular, and the more particular reply wins wherever it stands.
                talkAt = Math.Max(talkAt, talk);
            }
            else if (question && pages.TryMatchAt(stemsOnly, i, out length, out var page))
            {
                // «даты» alone asks for the timeline; beside other words it still asks "when". «откуда данные» names
                // the sources page as a whole: its «откуда» does not ask "where".
                folded.Page ??= page;
                if (cues.TryMatchAt(stemsOnly, i, out var cueLength, out var asked) && cueLength >= length)
                {
                    folded.Aspects.Add(asked);
                }
            }
            else if (cues.TryMatchAt(stemsOnly, i, out length, out var aspect)
                     && !(question && filler.TryMatchAt(stemsOnly, i, out var fillerLength, out _) && fillerLength > length))
            {
                // Before filler, unless the filler is longer: "tell me about" asks for a summary, where "tell me" alone
                // is only politeness; «откуда известно» asks for the source (which every answer gives), not "where".
                folded.Aspects.Add(aspect);
                role = WordRole.Cue;

                // «подписанты», "signatories": a question word that is also a word of the topic asks who and names signing.
                if (aliases.TryMatchAt(stemsOnly, i, out var named, out var topic) && named == length)
                {
                    folded.Terms.Add(new WeightedTerm(AliasTerm(topic), Weakest(words, i, length)));
                }
            }
            else if (question && filler.TryMatchAt(stemsOnly, i, out length, out _))
            {
                folded.Filler += length;
                role = WordRole.Filler;
            }
            else if (entities.TryMatchAt(stemsOnly, i, out length, out var entity)
                     && !(aliases.TryMatchAt(stemsOnly, i, out var aliasLength, out _) && aliasLength > length))
            {
                folded.Entities.Add(entity);
                if (question && folded.Subject is null && FollowsCue(folded.Roles, stemsOnly, i))
                {
                    folded.Subject = entity;
                }

                folded.Terms.Add(new WeightedTerm(EntityTerm(entity), Weakest(words, i, length)));
                role = WordRole.Entity;
            }
            else if (aliases.TryMatchAt(stemsOnly, i, out length, out var group))
            {
                folded.Terms.Add(new WeightedTerm(AliasTerm(group), Weakest(words, i, length)));
                role = WordRole.Named;
            }
            else
            {
                length = 1;
                folded.Terms.Add(words[i]);
                role = WordRole.Plain;
            }

            folded.Roles.AsSpan(i, length).Fill(role);
            i += length;
        }

        folded.SmallTalk = talkAt >= 0 ? talks[talkAt] : null;
        if (folded.Refusal is { } refused && Waives(stemsOnly, folded.Entities, refused))
        {
            folded.Refusal = null;
            folded.RefusalAt = -1;
        }

        return folded;
    }

    /// <summary>
    /// Whether a word of the story among <paramref name="stems"/>, or an entity of a kind it lists among
    /// <paramref name="entities"/>, makes <paramref name="refusal"/>'s words its own.
    /// </summary>
    private bool Waives(string[] stems, HashSet<string> entities, Refusal refusal)
    {
        if (namedWaivers.TryGetValue(refusal, out var named) && entities.Overlaps(named))
        {
            return true;
        }

        if (!waivers.TryGetValue(refusal, out var story))
        {
            return false;
        }

        for (var i = 0; i < stems.Length; i++)
        {
            if (story.TryMatchAt(stems, i, out _, out _))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the words before <paramref name="start"/> end with a question word, past stop words and filler ("what
    /// was the treaty", «что же за договор»).
    /// </summary>
    private static bool FollowsCue(WordRole[] roles, string[] stems, int start)
    {
        var before = start - 1;
        while (before >= 0 && (roles[before] == WordRole.Filler || (roles[before] == WordRole.Plain && TreatyAnalyzer.StopStems.Contains(stems[before]))))
        {
            before--;
        }

        return before >= 0 && roles[before] == WordRole.Cue;
    }

    /// <summary>
    /// Whether a phrase at <paramref name="start"/> stands at the edge of a question: only politeness before it
    /// («Здравствуйте! Подскажите…»), or nothing after it ("…, thanks"). In the middle it is part of what is asked
    /// ("how do I say thank you in Japanese").
    /// </summary>
    private static bool AtEdge(WordRole[] roles, int start, int length) =>
        start + length == roles.Length || roles.AsSpan(0, start).IndexOfAnyExcept(WordRole.Other, WordRole.Filler) < 0;

    /// <summary>
    /// The stemmer keeps the vowel of some Russian verb forms: «заключали» stems to «заключа», where «заключили» and
    /// «заключён» give «заключ». A stem that is no phrase's word, and without its last vowel is a word of an alias
    /// group, is read as that word; null otherwise.
    /// </summary>
    private string? AliasWordWithoutVowel(string stem)
    {
        if (stem.Length < 5 || stem[^1] is not ('а' or 'я' or 'е' or 'и' or 'ы') || stems.Contains(stem))
        {
            return null;
        }

        var shorter = stem[..^1];
        return aliasWords.Contains(shorter) ? shorter : null;
    }

    private static string AliasTerm(int group) => "≈" + group.ToString(CultureInfo.InvariantCulture);

    /// <summary>A phrase counts as little as its least certain word (a corrected one counts less).</summary>
    private static double Weakest(IReadOnlyList<WeightedTerm> words, int start, int length)
    {
        var weight = double.MaxValue;
        for (var i = start; i < start + length; i++)
        {
            weight = Math.Min(weight, words[i].Weight);
        }

        return weight;
    }

    /// <summary>The words of <paramref name="phrase"/> as written: lower case, ё as е.</summary>
    private static List<string> Written(string phrase) =>
        TreatyAnalyzer.ForThread.Tokens(phrase).ConvertAll(t => WordList.Normalize(phrase.AsSpan(t.Start, t.Length)));

    private void NoteWords(string term, IEnumerable<string> phrases)
    {
        if (!wordsOf.TryGetValue(term, out var set))
        {
            wordsOf[term] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        foreach (var phrase in phrases)
        {
            set.UnionWith(TreatyAnalyzer.ForThread.Stems(phrase));
        }
    }

    /// <summary>Adds each of <paramref name="phrases"/>, as stems, to <paramref name="table"/> with <paramref name="value"/>.</summary>
    private void Add<T>(PhraseTable<T> table, WordList words, IEnumerable<string> phrases, T value)
    {
        foreach (var phrase in phrases)
        {
            table.Add(Stems(words, phrase), value);
        }
    }

    private List<string> Stems(WordList words, string phrase)
    {
        var tokens = TreatyAnalyzer.ForThread.Tokens(phrase);
        words.Add(phrase, tokens);
        var phraseStems = tokens.ConvertAll(t => t.Stem);
        stems.UnionWith(phraseStems);
        return phraseStems;
    }
}
