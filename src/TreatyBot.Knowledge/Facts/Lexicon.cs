namespace TreatyBot.Knowledge.Facts;

/// <summary>
/// What the matcher reads besides the facts (lexicon.yaml): alias groups (СССР = Советский Союз = USSR…), the
/// question words that point to an aspect (когда → when), near-miss topics to refuse, small talk, and the one
/// spelling of each name the bot writes (its variants are for matching only).
/// </summary>
public sealed record Lexicon(
    IReadOnlyList<AliasGroup> Aliases,
    IReadOnlyList<AspectCue> Cues,
    IReadOnlyList<Refusal> Refusals,
    IReadOnlyList<SmallTalk> SmallTalk,
    IReadOnlyList<Spelling> Spellings);

/// <summary>Phrases that mean the same thing; the first names the group.</summary>
public sealed record AliasGroup(IReadOnlyList<string> Phrases, SourceLocation Location);

/// <summary>Question words that ask for one aspect.</summary>
public sealed record AspectCue(Aspect Aspect, IReadOnlyList<string> Phrases);

/// <summary>A topic that looks close but is not ours (another treaty, an unrelated use of a keyword).</summary>
public sealed record Refusal(string Id, IReadOnlyList<string> Phrases, LocalizedText Reply);

/// <summary>Greetings, thanks, "who are you": answered with the text of <see cref="TextKey"/>.</summary>
public sealed record SmallTalk(string TextKey, IReadOnlyList<string> Phrases);

/// <summary>
/// How the bot writes a name in one language (<see cref="Canonical"/>), and the other spellings users may type,
/// which stay keywords and aliases but never appear in the bot's own text unless quoted as written elsewhere.
/// </summary>
public sealed record Spelling(Language Language, string Canonical, IReadOnlyList<string> Variants, SourceLocation Location);
