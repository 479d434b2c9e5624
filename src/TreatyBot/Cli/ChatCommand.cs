using System.CommandLine;
using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Facts;
using TreatyBot.Rendering;

namespace TreatyBot.Cli;

/// <summary><c>chat</c>: a conversation in the terminal with the bot's commands, as in a private Telegram chat.</summary>
internal static class ChatCommand
{
    public static Command Declare(TextReader input)
    {
        var chat = new Command("chat", "Talk to the bot in the terminal: /start, /help, /timeline, /sources, /lang ru|en, /ask, /quit.");
        chat.SetAction(parse => Run(input, parse.InvocationConfiguration.Output));
        return chat;
    }

    private static int Run(TextReader input, TextWriter output)
    {
        var store = CommandLine.LoadStore();
        var texts = store.Facts.Texts;
        var language = Language.Ru;
        Language? chosen = null;
        output.WriteLine("TreatyBot — /start, /help, /timeline, /sources, /lang ru|en, /quit. Задайте вопрос / ask a question.");
        while (true)
        {
            output.Write("> ");
            if (input.ReadLine() is not { } line || line.Trim() is "/quit" or "/exit")
            {
                return 0;
            }

            var text = line.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            language = chosen ?? (LanguageDetector.Detect(text) is { } detected && !text.StartsWith('/') ? detected : language);
            var words = text.Split(' ', 2, StringSplitOptions.TrimEntries);
            var picked = words is ["/lang", var code] ? LanguageExtensions.FromChoice(code) : null;
            if (picked is { } set)
            {
                // As /lang in a Telegram chat: the chat's language from now on, whatever the questions' script.
                chosen = language = set;
            }

            output.WriteLine(words[0] switch
            {
                "/start" => texts.Get("greeting", language) + Environment.NewLine +
                            string.Join(Environment.NewLine, texts.List("examples", language).Select(e => "  • " + e)),
                "/help" => texts.Get("help", language).Replace("{bot}", "@TreatyBot", StringComparison.Ordinal),
                "/timeline" => PageRenderer.TimelineText(store.Facts, language, words.Length > 1 ? PageRenderer.Year(words[1]) : null),
                "/sources" => PageRenderer.SourcesText(store.Facts, language),
                "/lang" => texts.Get(picked is null ? "lang-usage" : "lang-set", language),
                "/ask" when words.Length > 1 => AnswerRenderer.ToPlainText(store.Answerer.Ask(words[1], language, chosen), store.Facts),
                _ when text.StartsWith('/') => texts.Get("unknown-command", language),
                _ => AnswerRenderer.ToPlainText(store.Answerer.Ask(text, language, chosen), store.Facts),
            });
            output.WriteLine();
        }
    }
}
