using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Matching;
using YamlDotNet.RepresentationModel;

namespace TreatyBot.Knowledge.Facts;

/// <summary>
/// Loads <c>responses/</c> and checks everything a curator can get wrong. Every problem is collected with its file and
/// line; if there is any, <see cref="Load"/> throws <see cref="FactBaseException"/> listing them all.
/// </summary>
public static partial class FactBaseLoader
{
    public const string SeedFile = "seed.txt";
    public const string SourcesFile = "sources.yaml";
    public const string TextsFile = "texts.yaml";
    public const string LexiconFile = "lexicon.yaml";
    public const string FactsFolder = "facts";
    public const string FeaturedFile = "featured.yaml";
    public const string ExamplesFile = "examples.tsv";

    /// <summary>The learned last look at each answer (optional): <see cref="AnswerGate"/>.</summary>
    public const string GateFile = "gate.tsv";

    /// <summary>In examples.tsv, in place of a fact id: the question is on another subject.</summary>
    public const string OutOfScopeExample = "out-of-scope";

    /// <summary>In examples.tsv, in place of a fact id: the question asks for a detail no source gives.</summary>
    public const string NotInSourcesExample = "not-in-sources";

    /// <summary>Ids travel in Telegram button data (at most 64 bytes with a prefix), so they are kept short.</summary>
    public const int MaxIdLength = 48;

    private static readonly HashSet<string> FactKeys =
    [
        "id", "covers", "topic", "title", "answer", "detail", "dates", "aspects", "status", "dispute", "sources",
        "excerpt", "keywords", "questions", "related", "about", "anniversary",
    ];

    /// <summary>What an entity of lexicon.yaml may be.</summary>
    private static readonly string[] EntityKinds = ["person", "place", "document", "organisation", "event"];

    private static readonly HashSet<string> SourceKeys = ["id", "title", "kind", "note", "url"];

    private static readonly Dictionary<string, Aspect> AspectNames = new(StringComparer.Ordinal)
    {
        ["when"] = Aspect.When,
        ["where"] = Aspect.Where,
        ["who"] = Aspect.Who,
        ["what"] = Aspect.What,
        ["why"] = Aspect.Why,
        ["how-many"] = Aspect.HowMany,
        ["how-long"] = Aspect.HowLong,
        ["who-is"] = Aspect.WhoIs,
        ["after"] = Aspect.After,
        ["meaning"] = Aspect.Meaning,
    };

    /// <summary>Loads and validates the fact base in <paramref name="folder"/>.</summary>
    /// <param name="folder">The fact base's folder.</param>
    /// <param name="cache">
    /// Where the classifier may keep what it learned, so that the next start with the same facts and examples reads it
    /// instead of counting the examples and learning again (seconds); null for nowhere.
    /// </param>
    /// <exception cref="FactBaseException">The base has problems; the exception lists them all.</exception>
    public static FactBase Load(string folder, string? cache = null)
    {
        var problems = new List<FactBaseProblem>();
        var result = TryLoad(folder, cache, problems);
        return problems.Count > 0 || result is null ? throw new FactBaseException(problems) : result;
    }

    private static FactBase? TryLoad(string folder, string? cache, List<FactBaseProblem> problems)
    {
        if (!Directory.Exists(folder))
        {
            problems.Add(new FactBaseProblem(new SourceLocation(folder, 0), "the fact base folder does not exist"));
            return null;
        }

        var seedPath = Path.Combine(folder, SeedFile);
        if (!File.Exists(seedPath))
        {
            problems.Add(new FactBaseProblem(new SourceLocation(SeedFile, 0), "the seed text is missing"));
            return null;
        }

        // examples.tsv (tens of thousands of questions) and the gate's rules (a MiB of text) are read and checked on other
        // cores while the YAML is. With a cache, the questions are counted only if the classifier's cache file does not
        // already hold what they teach; without one, they are counted there and then.
        var examples = Task.Run(() => ReadExamplesFile(folder) is { } bytes ? ReadExamples(bytes, count: cache is null) : null);
        var gateProblems = new List<FactBaseProblem>();
        var gate = Task.Run(() => ReadGate(folder, gateProblems));
        var seed = new SeedText(File.ReadAllText(seedPath));
        var sources = LoadSources(folder, problems);
        var texts = LoadTexts(folder, problems);
        var lexicon = LoadLexicon(folder, problems);
        var facts = new List<Fact>();
        var factsFolder = Path.Combine(folder, FactsFolder);
        var files = Directory.Exists(factsFolder)
            ? Directory.GetFiles(factsFolder, "*.yaml").Order(StringComparer.Ordinal).ToArray()
            : [];
        if (files.Length == 0)
        {
            problems.Add(new FactBaseProblem(new SourceLocation(FactsFolder, 0), "there are no facts (*.yaml files)"));
        }

        foreach (var path in files)
        {
            facts.AddRange(LoadFacts(path, Path.Combine(FactsFolder, Path.GetFileName(path)), sources, seed, problems));
        }

        CheckReferences(facts, problems);
        CheckAbout(facts, lexicon, problems);
        var read = examples.GetAwaiter().GetResult();
        CheckExamples(read, facts, problems);
        var featured = LoadFeatured(folder, facts, problems);
        var rules = gate.GetAwaiter().GetResult();
        problems.AddRange(gateProblems);
        return texts is null || lexicon is null
            ? null
            : new FactBase(facts, [.. sources.Values], texts, lexicon, seed, featured)
            {
                Examples = read is null ? LearningExamples.None : new LearningExamples(read.Hash, read.Counter()),
                LearnedCache = cache,
                Gate = rules,
            };
    }

    /// <summary>
    /// The same base, its classifier learning from examples.tsv in <paramref name="folder"/> without the questions in
    /// <paramref name="unlearned"/>: <c>eval --cross</c> asks each batch of the tuning part a bot that never learned it.
    /// </summary>
    public static FactBase Unlearning(FactBase facts, string folder, IReadOnlySet<string> unlearned)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(unlearned);
        var bytes = ReadExamplesFile(folder);
        var passedOver = unlearned.ToFrozenSet(StringComparer.Ordinal);
        return Learning(facts, bytes is null ? LearningExamples.None : new LearningExamples(hash: null, () => ReadExamples(bytes, count: true, passedOver).Counts));
    }

    /// <summary>
    /// The same base with no examples to learn: its classifier knows the facts' own texts only. <c>eval --cross</c>
    /// builds its index on it and never learns the whole of examples.tsv, which it would not ask.
    /// </summary>
    public static FactBase WithoutExamples(FactBase facts) => Learning(facts, LearningExamples.None);

    /// <summary>The same facts, texts and lexicon as <paramref name="facts"/>, its classifier to learn <paramref name="examples"/>.</summary>
    private static FactBase Learning(FactBase facts, LearningExamples examples)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new FactBase(facts.Facts, facts.Sources, facts.Texts, facts.Lexicon, facts.Seed, [.. facts.Featured.Select(f => f.Id)])
        {
            Examples = examples,
            Gate = facts.Gate,
        };
    }

    private static List<string> LoadFeatured(string folder, List<Fact> facts, List<FactBaseProblem> problems)
    {
        var reader = new YamlNodeReader(FeaturedFile, problems);
        if (LoadList(folder, FeaturedFile, problems) is not { } list)
        {
            return [];
        }

        var ids = reader.TextList(list, "featured").ToList();
        foreach (var id in ids.Where(id => !facts.Any(f => f.Id == id)))
        {
            reader.Problem(list, $"featured fact '{id}' does not exist");
        }

        return ids;
    }

    private static Dictionary<string, Source> LoadSources(string folder, List<FactBaseProblem> problems)
    {
        var sources = new Dictionary<string, Source>(StringComparer.Ordinal);
        var reader = new YamlNodeReader(SourcesFile, problems);
        if (LoadList(folder, SourcesFile, problems) is not { } list)
        {
            return sources;
        }

        foreach (var item in list)
        {
            if (item is not YamlMappingNode map)
            {
                reader.Problem(item, "a source must have id, title (ru and en), kind and url");
                continue;
            }

            reader.RejectUnknownKeys(map, SourceKeys);
            var id = reader.Text(map, "id", required: true);
            var title = reader.Localized(map, "title", required: true);
            var kind = ReadSourceKind(map, reader);
            var url = reader.Text(map, "url", required: true);
            if (id is null || title is null || kind is null || url is null)
            {
                continue;
            }

            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            {
                reader.Problem(map, $"source '{id}': url must be an absolute https address");
                continue;
            }

            if (!sources.TryAdd(id, new Source(id, title, uri, kind.Value, reader.Text(map, "note", required: false))))
            {
                reader.Problem(map, $"source id '{id}' is used twice");
            }
        }

        return sources;
    }

    /// <summary>A value written as its lower-case name in the YAML (solid, primary, timeline…).</summary>
    private static bool TryParseName<T>(string text, out T value)
        where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out value) && text.All(char.IsLower);

    private static SourceKind? ReadSourceKind(YamlMappingNode map, YamlNodeReader reader)
    {
        var text = reader.Text(map, "kind", required: true);
        if (text is null)
        {
            return null;
        }

        if (TryParseName<SourceKind>(text, out var kind))
        {
            return kind;
        }

        reader.Problem(YamlNodeReader.Field(map, "kind")!, $"kind '{text}' must be one of: {string.Join(", ", Enum.GetNames<SourceKind>().Select(n => n.ToLowerInvariant()))}");
        return null;
    }

    private static UiTexts? LoadTexts(string folder, List<FactBaseProblem> problems)
    {
        var reader = new YamlNodeReader(TextsFile, problems);
        if (LoadMap(folder, TextsFile, problems) is not { } map)
        {
            return null;
        }

        var texts = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        var lists = new Dictionary<string, LocalizedList>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            var isList = value is YamlMappingNode m && YamlNodeReader.Field(m, Language.Ru.Code()) is YamlSequenceNode;
            if (isList)
            {
                lists[key] = reader.LocalizedList(map, key);
            }
            else if (reader.Localized(map, key, required: true) is { } text)
            {
                texts[key] = text;
            }
        }

        foreach (var key in UiTexts.RequiredTexts.Where(k => !texts.ContainsKey(k)))
        {
            reader.Problem(map, $"the text '{key}' is missing");
        }

        foreach (var key in UiTexts.RequiredLists.Where(k => !lists.ContainsKey(k)))
        {
            reader.Problem(map, $"the list '{key}' is missing");
        }

        if (lists.TryGetValue(UiTexts.YearsAgo, out var years) && (years.Ru.Count != 3 || years.En.Count != 2))
        {
            reader.Problem(YamlNodeReader.Field(map, UiTexts.YearsAgo)!, $"'{UiTexts.YearsAgo}' needs three Russian forms (год, года, лет) and two English (year, years)");
        }

        return new UiTexts(texts, lists);
    }

    private static Lexicon? LoadLexicon(string folder, List<FactBaseProblem> problems)
    {
        var reader = new YamlNodeReader(LexiconFile, problems);
        if (LoadMap(folder, LexiconFile, problems) is not { } map)
        {
            return null;
        }

        reader.RejectUnknownKeys(map, new HashSet<string>(StringComparer.Ordinal) { "aliases", "cues", "refusals", "smalltalk", "spellings", "filler", "pages", "entities", "details", "numbers", "colloquial" });
        var aliases = new List<AliasGroup>();
        if (YamlNodeReader.Field(map, "aliases") is YamlSequenceNode aliasList)
        {
            foreach (var group in aliasList)
            {
                var phrases = reader.TextList(group, "aliases");
                if (phrases.Count < 2)
                {
                    reader.Problem(group, "an alias group needs at least two phrases");
                    continue;
                }

                aliases.Add(new AliasGroup(phrases, reader.At(group)));
            }
        }

        var cues = new List<AspectCue>();
        if (YamlNodeReader.Field(map, "cues") is YamlMappingNode cueMap)
        {
            foreach (var (keyNode, value) in cueMap.Children)
            {
                var name = ((YamlScalarNode)keyNode).Value ?? "";
                if (!AspectNames.TryGetValue(name, out var aspect))
                {
                    reader.Problem(keyNode, $"unknown aspect '{name}' (expected one of: {string.Join(", ", AspectNames.Keys)})");
                    continue;
                }

                cues.Add(new AspectCue(aspect, reader.TextList(value, name)));
            }
        }

        var refusals = new List<Refusal>();
        if (YamlNodeReader.Field(map, "refusals") is YamlSequenceNode refusalList)
        {
            foreach (var item in refusalList.OfType<YamlMappingNode>())
            {
                var id = reader.Text(item, "id", required: true);
                var reply = reader.Localized(item, "reply", required: true);
                var phrases = reader.TextList(item, "phrases");
                var named = reader.TextList(item, "unless-named");
                foreach (var kind in named.Where(kind => !EntityKinds.Contains(kind)))
                {
                    reader.Problem(item, $"'unless-named' kind '{kind}' must be one of: {string.Join(", ", EntityKinds)}");
                }

                if (id is not null && reply is not null && phrases.Count > 0)
                {
                    refusals.Add(new Refusal(id, phrases, reply) { Unless = reader.TextList(item, "unless"), UnlessNamed = named });
                }
            }
        }

        var smallTalk = new List<SmallTalk>();
        if (YamlNodeReader.Field(map, "smalltalk") is YamlSequenceNode talkList)
        {
            foreach (var item in talkList.OfType<YamlMappingNode>())
            {
                var text = reader.Text(item, "text", required: true);
                var phrases = reader.TextList(item, "phrases");
                if (text is not null && !UiTexts.RequiredTexts.Contains(text))
                {
                    reader.Problem(item, $"small talk names the text '{text}', which texts.yaml does not define");
                }
                else if (text is not null)
                {
                    smallTalk.Add(new SmallTalk(text, phrases));
                }
            }
        }

        return new Lexicon(aliases, cues, refusals, smallTalk, ReadSpellings(map, reader))
        {
            Filler = YamlNodeReader.Field(map, "filler") is { } filler ? reader.TextList(filler, "filler") : [],
            Pages = ReadPages(map, reader),
            Entities = ReadEntities(map, reader),
            Details = ReadDetails(map, reader),
            Numbers = YamlNodeReader.Field(map, "numbers") is { } numbers ? reader.TextList(numbers, "numbers") : [],
            Colloquial = ReadColloquial(map, reader),
        };
    }

    /// <summary>The lists of <c>colloquial</c>: a word, then its spoken forms.</summary>
    private static List<IReadOnlyList<string>> ReadColloquial(YamlMappingNode map, YamlNodeReader reader)
    {
        var lists = new List<IReadOnlyList<string>>();
        if (YamlNodeReader.Field(map, "colloquial") is not { } node)
        {
            return lists;
        }

        if (node is not YamlSequenceNode sequence)
        {
            reader.Problem(node, "'colloquial' must be a list of [word, spoken form, …]");
            return lists;
        }

        foreach (var group in sequence)
        {
            var forms = reader.TextList(group, "colloquial");
            if (forms.Count < 2)
            {
                reader.Problem(group, "a colloquial list needs the word and at least one spoken form");
                continue;
            }

            lists.Add(forms);
        }

        return lists;
    }

    private static DetailCues ReadDetails(YamlMappingNode map, YamlNodeReader reader)
    {
        if (YamlNodeReader.Field(map, "details") is not YamlMappingNode details)
        {
            return DetailCues.None;
        }

        reader.RejectUnknownKeys(details, new HashSet<string>(StringComparer.Ordinal) { "determiners", "words", "names", "modifiers", "generic" });
        return new DetailCues(
            YamlNodeReader.Field(details, "determiners") is { } determiners ? reader.TextList(determiners, "determiners") : [],
            YamlNodeReader.Field(details, "words") is { } words ? reader.TextList(words, "words") : [])
        {
            Modifiers = YamlNodeReader.Field(details, "modifiers") is { } modifiers ? reader.TextList(modifiers, "modifiers") : [],
            Generic = YamlNodeReader.Field(details, "generic") is { } generic ? reader.TextList(generic, "generic") : [],
            Names = YamlNodeReader.Field(details, "names") is { } names ? reader.TextList(names, "names") : [],
        };
    }

    private static List<PageRequest> ReadPages(YamlMappingNode map, YamlNodeReader reader)
    {
        var pages = new List<PageRequest>();
        if (YamlNodeReader.Field(map, "pages") is not YamlMappingNode pageMap)
        {
            return pages;
        }

        foreach (var (keyNode, value) in pageMap.Children)
        {
            var name = ((YamlScalarNode)keyNode).Value ?? "";
            if (!TryParseName<BotPage>(name, out var page))
            {
                reader.Problem(keyNode, $"unknown page '{name}' (expected timeline or sources)");
                continue;
            }

            pages.Add(new PageRequest(page, reader.TextList(value, name)));
        }

        return pages;
    }

    private static List<Entity> ReadEntities(YamlMappingNode map, YamlNodeReader reader)
    {
        var entities = new List<Entity>();
        if (YamlNodeReader.Field(map, "entities") is not YamlSequenceNode list)
        {
            return entities;
        }

        foreach (var item in list.OfType<YamlMappingNode>())
        {
            var id = reader.Text(item, "id", required: true);
            var kind = reader.Text(item, "kind", required: true);
            var names = reader.TextList(item, "names");
            if (kind is not null && !EntityKinds.Contains(kind))
            {
                reader.Problem(item, $"entity kind '{kind}' must be one of: {string.Join(", ", EntityKinds)}");
            }

            if (names.Count == 0)
            {
                reader.Problem(item, $"entity '{id}' needs at least one name");
            }

            if (id is not null && kind is not null && names.Count > 0)
            {
                entities.Add(new Entity(id, kind, names, reader.At(item)));
            }
        }

        foreach (var duplicate in entities.GroupBy(e => e.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            reader.Problem(list, $"entity id '{duplicate.Key}' is used twice");
        }

        return entities;
    }

    private static List<Spelling> ReadSpellings(YamlMappingNode lexicon, YamlNodeReader reader)
    {
        var spellings = new List<Spelling>();
        if (YamlNodeReader.Field(lexicon, "spellings") is not { } node)
        {
            return spellings;
        }

        if (node is not YamlMappingNode byLanguage)
        {
            reader.Problem(node, "'spellings' must map ru and en to lists of [canonical, variant, …]");
            return spellings;
        }

        reader.RejectUnknownKeys(byLanguage, LanguageExtensions.All.Select(l => l.Code()).ToHashSet(StringComparer.Ordinal));
        foreach (var language in (Language[])[Language.Ru, Language.En])
        {
            if (YamlNodeReader.Field(byLanguage, language.Code()) is not YamlSequenceNode groups)
            {
                continue;
            }

            foreach (var group in groups)
            {
                var forms = reader.TextList(group, "spellings");
                if (forms.Count < 2)
                {
                    reader.Problem(group, "a spelling needs the canonical form and at least one variant");
                    continue;
                }

                spellings.Add(new Spelling(language, forms[0], [.. forms.Skip(1)], reader.At(group)));
            }
        }

        return spellings;
    }

    private static List<Fact> LoadFacts(
        string path, string file, Dictionary<string, Source> sources, SeedText seed, List<FactBaseProblem> problems)
    {
        var facts = new List<Fact>();
        var reader = new YamlNodeReader(file, problems);
        var root = YamlNodeReader.Load(path, file, problems);
        if (root is null)
        {
            return facts;
        }

        if (root is not YamlSequenceNode list)
        {
            reader.Problem(root, "a facts file must be a list of entries");
            return facts;
        }

        foreach (var item in list)
        {
            if (item is not YamlMappingNode map)
            {
                reader.Problem(item, "a fact must be a mapping with id, title, answer, sources…");
                continue;
            }

            if (ReadFact(map, reader, sources, seed) is { } fact)
            {
                facts.Add(fact);
            }
        }

        return facts;
    }

    private static Fact? ReadFact(YamlMappingNode map, YamlNodeReader reader, Dictionary<string, Source> sources, SeedText seed)
    {
        reader.RejectUnknownKeys(map, FactKeys);
        var id = reader.Text(map, "id", required: true);
        if (id is not null && (!IdPattern().IsMatch(id) || id.Length > MaxIdLength))
        {
            reader.Problem(map, $"id '{id}' must be lower-case kebab-case (a-z, 0-9, -) of at most {MaxIdLength} characters");
        }

        var covers = reader.TextList(map, "covers");
        foreach (var cover in covers.Where(c => !CoverPattern().IsMatch(c)))
        {
            reader.Problem(map, $"covers '{cover}' is not a FACTS.md id (F01..F84)");
        }

        var topic = reader.Text(map, "topic", required: true);
        var title = reader.Localized(map, "title", required: true);
        var answer = reader.Localized(map, "answer", required: true);
        var detail = reader.Localized(map, "detail", required: false);
        var dispute = reader.Localized(map, "dispute", required: false);
        var status = ReadStatus(map, reader);
        if (status == FactStatus.Disputed && dispute is null)
        {
            reader.Problem(map, $"'{id}' is disputed, so it needs a 'dispute' text in ru and en");
        }

        var dates = ReadDates(map, reader, [answer, detail, dispute]);
        var anniversary = ReadAnniversary(map, reader, dates);
        var aspects = ReadAspects(map, reader);
        var citations = ReadCitations(map, reader, sources);
        var excerpt = reader.Text(map, "excerpt", required: false);
        if (excerpt is not null && !seed.Contains(excerpt))
        {
            reader.Problem(YamlNodeReader.Field(map, "excerpt")!, $"the excerpt of '{id}' is not a span of the seed: «{SeedText.Normalize(excerpt)}»");
        }

        if (id is null || topic is null || title is null || answer is null || status is null)
        {
            return null;
        }

        return new Fact(
            id, covers, topic, title, answer, detail, dates, aspects, status.Value, dispute, citations, excerpt,
            reader.LocalizedList(map, "keywords"), reader.LocalizedList(map, "questions"),
            reader.TextList(map, "related"), reader.At(map))
        {
            About = reader.TextList(map, "about"),
            Anniversary = anniversary,
        };
    }

    /// <summary>
    /// <c>anniversary: true</c> marks a fact whose first date is remembered every year ("on this day in 1925…"); that
    /// date must be a whole date (a day of a month), or there is no day to post on.
    /// </summary>
    private static FactDate? ReadAnniversary(YamlMappingNode map, YamlNodeReader reader, List<FactDate> dates)
    {
        if (YamlNodeReader.Field(map, "anniversary") is not { } node)
        {
            return null;
        }

        var text = reader.Text(map, "anniversary", required: false);
        if (text is not ("true" or "false"))
        {
            reader.Problem(node, $"anniversary must be true or false, not '{text}'");
            return null;
        }

        if (text == "false")
        {
            return null;
        }

        if (dates.Count == 0 || dates[0].Day is null)
        {
            reader.Problem(node, "anniversary: true needs a whole date (YYYY-MM-DD) first in 'dates': the day it is remembered on");
            return null;
        }

        return dates[0];
    }

    private static FactStatus? ReadStatus(YamlMappingNode map, YamlNodeReader reader)
    {
        var text = reader.Text(map, "status", required: true);
        if (text is null)
        {
            return null;
        }

        if (TryParseName<FactStatus>(text, out var status))
        {
            return status;
        }

        reader.Problem(YamlNodeReader.Field(map, "status")!, $"status '{text}' must be solid, medium, weak or disputed");
        return null;
    }

    private static List<FactDate> ReadDates(YamlMappingNode map, YamlNodeReader reader, LocalizedText?[] texts)
    {
        var dates = new List<FactDate>();
        if (YamlNodeReader.Field(map, "dates") is not { } node)
        {
            return dates;
        }

        foreach (var text in reader.TextList(node, "dates"))
        {
            if (!FactDate.TryParse(text, out var date))
            {
                reader.Problem(node, $"'{text}' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)");
                continue;
            }

            foreach (var language in (Language[])[Language.Ru, Language.En])
            {
                if (!texts.Any(t => t is not null && date.IsWrittenIn(t[language], language)))
                {
                    reader.Problem(node, $"the date {text} is not written in the {language.Code()} text (as «{date.Format(language)}»)");
                }
            }

            dates.Add(date);
        }

        return dates;
    }

    private static List<Aspect> ReadAspects(YamlMappingNode map, YamlNodeReader reader)
    {
        var aspects = new List<Aspect>();
        foreach (var name in reader.TextList(map, "aspects"))
        {
            if (AspectNames.TryGetValue(name, out var aspect))
            {
                aspects.Add(aspect);
            }
            else
            {
                reader.Problem(map, $"unknown aspect '{name}' (expected one of: {string.Join(", ", AspectNames.Keys)})");
            }
        }

        return aspects;
    }

    private static List<Citation> ReadCitations(YamlMappingNode map, YamlNodeReader reader, Dictionary<string, Source> sources)
    {
        var citations = new List<Citation>();
        if (YamlNodeReader.Field(map, "sources") is not YamlSequenceNode list || list.Children.Count == 0)
        {
            reader.Problem(map, "a fact needs at least one source");
            return citations;
        }

        foreach (var item in list)
        {
            if (item is not YamlMappingNode source || reader.Text(source, "ref", required: true) is not { } reference)
            {
                reader.Problem(item, "a source entry needs 'ref' (an id from sources.yaml) and may have 'locator'");
                continue;
            }

            if (sources.TryGetValue(reference, out var known))
            {
                citations.Add(new Citation(known, ReadLocator(source, reader)));
            }
            else
            {
                reader.Problem(item, $"source '{reference}' is not in {SourcesFile}");
            }
        }

        return citations;
    }

    /// <summary>A locator in each language (ru, en), or one text for both.</summary>
    private static LocalizedText? ReadLocator(YamlMappingNode source, YamlNodeReader reader) =>
        YamlNodeReader.Field(source, "locator") is YamlMappingNode
            ? reader.Localized(source, "locator", required: false)
            : reader.Text(source, "locator", required: false) is { } text ? new LocalizedText(text, text) : null;

    private static void CheckReferences(List<Fact> facts, List<FactBaseProblem> problems)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fact in facts.Where(f => !ids.Add(f.Id)))
        {
            problems.Add(new FactBaseProblem(fact.Location, $"id '{fact.Id}' is used twice"));
        }

        foreach (var fact in facts)
        {
            foreach (var related in fact.Related.Where(r => !ids.Contains(r)))
            {
                problems.Add(new FactBaseProblem(fact.Location, $"'{fact.Id}' relates to '{related}', which does not exist"));
            }
        }
    }

    /// <summary>
    /// Checks examples.tsv's lines as <see cref="ReadExamples"/> read them: each names a fact (or
    /// <see cref="OutOfScopeExample"/>, <see cref="NotInSourcesExample"/>), a language and a question.
    /// </summary>
    private static void CheckExamples(ExampleLines? read, List<Fact> facts, List<FactBaseProblem> problems)
    {
        if (read is null)
        {
            return;
        }

        var factIds = facts.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        HashSet<string> ids = [.. factIds, OutOfScopeExample, NotInSourcesExample];
        foreach (var (line, label, also) in read.Rows)
        {
            var location = new SourceLocation(ExamplesFile, line);
            if (label is null)
            {
                problems.Add(new FactBaseProblem(location, "expected: fact id, ru or en, question, and optionally the other facts that answer it (separated by tabs)"));
                continue;
            }

            if (!ids.Contains(label))
            {
                problems.Add(new FactBaseProblem(location, $"fact '{label}' does not exist"));
            }

            foreach (var other in (also ?? []).Where(id => !factIds.Contains(id)))
            {
                problems.Add(new FactBaseProblem(location, $"fact '{other}', said to answer the question as well, does not exist"));
            }
        }
    }

    /// <summary>
    /// examples.tsv's lines (each with its label, null when the line is malformed, and the other facts said to answer it),
    /// and either its questions' tokens counted by label, or (when they were not asked for) the file's bytes, to count
    /// them from if the classifier must learn, and their hash, which names what it learns in the cache.
    /// </summary>
    private sealed record ExampleLines(List<(int Line, string? Label, string[]? Also)> Rows, TokenCounts? Counts, byte[]? Bytes, byte[]? Hash)
    {
        /// <summary>The questions counted, now or from the bytes kept (the file as it was read and checked, whatever it has become since).</summary>
        public Func<TokenCounts?> Counter()
        {
            var (counts, bytes) = (Counts, Bytes);
            return counts is not null ? () => counts : () => ReadExamples(bytes!, count: true).Counts;
        }
    }

    /// <summary>The gate's rules (gate.tsv), or null without the file.</summary>
    private static AnswerGate? ReadGate(string folder, List<FactBaseProblem> problems)
    {
        var path = Path.Combine(folder, GateFile);
        return File.Exists(path) ? AnswerGate.Parse(File.ReadAllText(path), GateFile, problems) : null;
    }

    /// <summary>examples.tsv's bytes, or null without the file.</summary>
    private static byte[]? ReadExamplesFile(string folder)
    {
        var path = Path.Combine(folder, ExamplesFile);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    private static ExampleLines ReadExamples(byte[] bytes, bool count, FrozenSet<string>? unlearned = null)
    {
        var rows = new List<(int Line, string? Label, string[]? Also)>();
        var counts = count ? new TokenCounts { Questions = new() } : null;
        var labels = new HashSet<string>(StringComparer.Ordinal);
        var named = labels.GetAlternateLookup<ReadOnlySpan<char>>();
        using var reader = new StreamReader(new MemoryStream(bytes, writable: false));
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var columns = line.AsSpan();
            var first = columns.IndexOf('\t');
            var second = first < 0 ? -1 : columns[(first + 1)..].IndexOf('\t') + first + 1;
            var third = second <= first ? -1 : columns[(second + 1)..].IndexOf('\t') is var at and >= 0 ? at + second + 1 : columns.Length;
            var question = third < 0 ? default : columns[(second + 1)..third];
            var wellFormed = first > 0 && second > first && (third == columns.Length || columns[(third + 1)..].IndexOf('\t') < 0)
                && LanguageExtensions.FromCode(line[(first + 1)..second]) is not null && !question.IsWhiteSpace();
            if (wellFormed && unlearned is not null && unlearned.Contains(question.Trim().ToString()))
            {
                continue;
            }

            string[]? also = wellFormed && third < columns.Length ? line[(third + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : null;
            string? label = null;
            if (wellFormed)
            {
                if (!named.TryGetValue(columns[..first], out label))
                {
                    label = line[..first];
                    labels.Add(label);
                }

                counts?.Learn(question, columns[..first], 1, once: true, also);
            }

            rows.Add((number, label, also));
        }

        return counts is null ? new ExampleLines(rows, null, bytes, SHA256.HashData(bytes)) : new ExampleLines(rows, counts, null, null);
    }

    /// <summary>Every entity a fact is <c>about</c> is one of lexicon.yaml's.</summary>
    private static void CheckAbout(List<Fact> facts, Lexicon? lexicon, List<FactBaseProblem> problems)
    {
        var entities = lexicon?.Entities.Select(e => e.Id).ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var fact in facts)
        {
            foreach (var entity in fact.About.Where(e => !entities.Contains(e)))
            {
                problems.Add(new FactBaseProblem(fact.Location, $"'{fact.Id}' is about '{entity}', which {LexiconFile} does not list under entities"));
            }
        }
    }

    private static YamlSequenceNode? LoadList(string folder, string file, List<FactBaseProblem> problems)
    {
        var root = LoadRoot(folder, file, problems);
        if (root is null or YamlSequenceNode)
        {
            return (YamlSequenceNode?)root;
        }

        problems.Add(new FactBaseProblem(new SourceLocation(file, (int)root.Start.Line), "this file must be a list"));
        return null;
    }

    private static YamlMappingNode? LoadMap(string folder, string file, List<FactBaseProblem> problems)
    {
        var root = LoadRoot(folder, file, problems);
        if (root is null or YamlMappingNode)
        {
            return (YamlMappingNode?)root;
        }

        problems.Add(new FactBaseProblem(new SourceLocation(file, (int)root.Start.Line), "this file must be a mapping"));
        return null;
    }

    private static YamlNode? LoadRoot(string folder, string file, List<FactBaseProblem> problems)
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
        {
            problems.Add(new FactBaseProblem(new SourceLocation(file, 0), "the file is missing"));
            return null;
        }

        return YamlNodeReader.Load(path, file, problems);
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^F(0[1-9]|[1-7][0-9]|8[0-4])$")]
    private static partial Regex CoverPattern();
}
