namespace TreatyBot.Knowledge.Facts;

/// <summary>
/// What the matcher reads besides the facts (lexicon.yaml): alias groups (СССР = Советский Союз = USSR…), the
/// question words that point to an aspect (когда → when), near-miss topics to refuse, small talk, the one spelling
/// of each name the bot writes (its variants are for matching only), the filler people put around a question
/// (подскажите, пожалуйста), pages asked for in a word (даты → the timeline), the words that ask for a particular
/// detail (какой, which), and the people, places and documents a question may be about.
/// </summary>
public sealed record Lexicon(
    IReadOnlyList<AliasGroup> Aliases,
    IReadOnlyList<AspectCue> Cues,
    IReadOnlyList<Refusal> Refusals,
    IReadOnlyList<SmallTalk> SmallTalk,
    IReadOnlyList<Spelling> Spellings)
{
    /// <summary>Politeness and filler: dropped from a question before matching.</summary>
    public IReadOnlyList<string> Filler { get; init; } = [];

    /// <summary>Pages of the bot asked for in words (хронология, sources).</summary>
    public IReadOnlyList<PageRequest> Pages { get; init; } = [];

    /// <summary>The people, places, documents and organisations a question may name.</summary>
    public IReadOnlyList<Entity> Entities { get; init; } = [];

    /// <summary>
    /// Numbers written as words (пять, двух, half): a fact that states one, or a figure, can answer "how many".
    /// Compared as written (lower case, ё as е): «семь» and «семья» share a stem.
    /// </summary>
    public IReadOnlyList<string> Numbers { get; init; } = [];

    /// <summary>The words that ask for a particular detail (какой город, which article, как звали).</summary>
    public DetailCues Details { get; init; } = DetailCues.None;

    /// <summary>
    /// Spoken forms of a word, each list the word first and then the forms as people type them ([что, чё, чо]): a
    /// question is read as if the word were written. Compared as written (lower case, ё as е): «чё» and «чей» share a
    /// stem, and «чей» asks "whose".
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Colloquial { get; init; } = [];
}

/// <summary>
/// Words that ask for a particular detail: <see cref="Determiners"/> are followed by the word that names it («какой
/// город», "which article", «сколько радиостанций»), <see cref="Words"/> name it themselves («как звали», "name"), and
/// <see cref="Modifiers"/> between a determiner and that word are passed over ("what earlier convention", «в какой
/// точно день»), as Russian adjectives are. A fact answers such a question only if it holds that word, unless the word
/// is <see cref="Generic"/>: «на каких условиях», "what kind of", «какую позицию» ask what, not for a word. Compared as
/// written (lower case, ё as е), not by stem: «какой» asks for a detail where «как» does not, and both stem to «как».
/// </summary>
public sealed record DetailCues(IReadOnlyList<string> Determiners, IReadOnlyList<string> Words)
{
    public static DetailCues None { get; } = new([], []);

    public IReadOnlyList<string> Modifiers { get; init; } = [];

    public IReadOnlyList<string> Generic { get; init; } = [];

    /// <summary>
    /// Words that ask for a person's name («как звали», "name"), which no fact writes: a fact that names a person
    /// (an entity of kind <c>person</c> in its title, answer or detail) holds them.
    /// </summary>
    public IReadOnlyList<string> Names { get; init; } = [];
}

/// <summary>A page of the bot (the timeline, the sources) and the words that ask for it when typed alone.</summary>
public sealed record PageRequest(BotPage Page, IReadOnlyList<string> Phrases);

/// <summary>The bot's own pages that a word can ask for.</summary>
public enum BotPage
{
    Timeline,
    Sources,
}

/// <summary>A person, place, document or organisation: its id (facts name it in <c>about</c>), its kind and names.</summary>
public sealed record Entity(string Id, string Kind, IReadOnlyList<string> Names, SourceLocation Location);

/// <summary>Phrases that mean the same thing; the first names the group.</summary>
public sealed record AliasGroup(IReadOnlyList<string> Phrases, SourceLocation Location);

/// <summary>Question words that ask for one aspect.</summary>
public sealed record AspectCue(Aspect Aspect, IReadOnlyList<string> Phrases);

/// <summary>A topic that looks close but is not ours (another treaty, an unrelated use of a keyword).</summary>
public sealed record Refusal(string Id, IReadOnlyList<string> Phrases, LocalizedText Reply)
{
    /// <summary>
    /// Words of the story that make the refusal's words its own ("what price did Moscow pay for the concessions?"): a
    /// question holding one is not refused, and the facts answer it or not.
    /// </summary>
    public IReadOnlyList<string> Unless { get; init; } = [];

    /// <summary>
    /// Kinds of the lexicon's entities (<c>person</c>) whose naming makes the refusal's words the story's own as well
    /// («Мацуока был премьер-министром?», "was Yoshizawa the prime minister?"): such a question is not refused.
    /// </summary>
    public IReadOnlyList<string> UnlessNamed { get; init; } = [];
}

/// <summary>Greetings, thanks, "who are you": answered with the text of <see cref="TextKey"/>.</summary>
public sealed record SmallTalk(string TextKey, IReadOnlyList<string> Phrases);

/// <summary>
/// How the bot writes a name in one language (<see cref="Canonical"/>), and the other spellings users may type,
/// which stay keywords and aliases but never appear in the bot's own text unless quoted as written elsewhere.
/// </summary>
public sealed record Spelling(Language Language, string Canonical, IReadOnlyList<string> Variants, SourceLocation Location);
