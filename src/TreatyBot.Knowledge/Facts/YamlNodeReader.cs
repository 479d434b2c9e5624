using YamlDotNet.RepresentationModel;

namespace TreatyBot.Knowledge.Facts;

/// <summary>
/// Reads YAML nodes into values while keeping their line numbers, so that every problem names the file and line.
/// Problems are collected, not thrown: a curator sees all of them at once.
/// </summary>
internal sealed class YamlNodeReader(string file, List<FactBaseProblem> problems)
{
    public string File => file;

    public SourceLocation At(YamlNode node) => new(file, (int)node.Start.Line);

    public void Problem(YamlNode node, string message) => problems.Add(new FactBaseProblem(At(node), message));

    public static YamlNode? Field(YamlMappingNode map, string key)
    {
        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && name == key)
            {
                return v;
            }
        }

        return null;
    }

    public void RejectUnknownKeys(YamlMappingNode map, IReadOnlySet<string> known)
    {
        foreach (var (k, _) in map.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && !known.Contains(name))
            {
                Problem(k, $"unknown key '{name}' (expected one of: {string.Join(", ", known)})");
            }
        }
    }

    public string? Text(YamlMappingNode map, string key, bool required)
    {
        var node = Field(map, key);
        if (node is null)
        {
            if (required)
            {
                Problem(map, $"'{key}' is missing");
            }

            return null;
        }

        if (node is not YamlScalarNode { Value: var value })
        {
            Problem(node, $"'{key}' must be a text");
            return null;
        }

        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                Problem(node, $"'{key}' is empty");
            }

            return null;
        }

        return text;
    }

    public IReadOnlyList<string> TextList(YamlMappingNode map, string key) =>
        Field(map, key) is { } node ? TextList(node, key) : [];

    public IReadOnlyList<string> TextList(YamlNode node, string key)
    {
        if (node is not YamlSequenceNode sequence)
        {
            Problem(node, $"'{key}' must be a list");
            return [];
        }

        var items = new List<string>();
        foreach (var item in sequence)
        {
            if (item is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value))
            {
                items.Add(value.Trim());
            }
            else
            {
                Problem(item, $"every item of '{key}' must be a non-empty text");
            }
        }

        return items;
    }

    public LocalizedText? Localized(YamlMappingNode map, string key, bool required)
    {
        var node = Field(map, key);
        if (node is null)
        {
            if (required)
            {
                Problem(map, $"'{key}' is missing (it needs 'ru' and 'en')");
            }

            return null;
        }

        if (node is not YamlMappingNode texts)
        {
            Problem(node, $"'{key}' must have 'ru' and 'en'");
            return null;
        }

        var ru = Text(texts, Language.Ru.Code(), required: true);
        var en = Text(texts, Language.En.Code(), required: true);
        return ru is null || en is null ? null : new LocalizedText(ru, en);
    }

    public LocalizedList LocalizedList(YamlMappingNode map, string key)
    {
        if (Field(map, key) is not { } node)
        {
            return Facts.LocalizedList.Empty;
        }

        if (node is not YamlMappingNode lists)
        {
            Problem(node, $"'{key}' must have 'ru' and/or 'en' lists");
            return Facts.LocalizedList.Empty;
        }

        return new LocalizedList(TextList(lists, Language.Ru.Code()), TextList(lists, Language.En.Code()));
    }

    /// <summary>Parses a whole file; a syntax error becomes one problem with its line.</summary>
    public static YamlNode? Load(string path, string file, List<FactBaseProblem> problems)
    {
        try
        {
            using var reader = new StreamReader(path);
            var stream = new YamlStream();
            stream.Load(reader);
            return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            problems.Add(new FactBaseProblem(new SourceLocation(file, (int)ex.Start.Line), "YAML syntax: " + ex.Message));
            return null;
        }
    }
}
