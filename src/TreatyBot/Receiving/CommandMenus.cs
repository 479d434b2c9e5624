using Telegram.Bot;
using Telegram.Bot.Types;
using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Receiving;

/// <summary>The command menus Telegram shows: private chats get every command, groups /ask and /help; in Russian, in English, and a default.</summary>
internal static class CommandMenus
{
    public static async Task SetAsync(ITelegramBotClient bot, UiTexts texts, CancellationToken cancellationToken)
    {
        (BotCommandScope Scope, string List)[] menus =
        [
            (BotCommandScope.AllPrivateChats(), "commands-private"),
            (BotCommandScope.AllGroupChats(), "commands-group"),
        ];
        foreach (var (scope, list) in menus)
        {
            // The default menu, for users whose language has no menu of its own, is the first language's.
            await bot.SetMyCommands(Commands(texts, list, LanguageExtensions.All[0]), scope, languageCode: null, cancellationToken);
            foreach (var language in LanguageExtensions.All)
            {
                await bot.SetMyCommands(Commands(texts, list, language), scope, languageCode: language.Code(), cancellationToken);
            }
        }
    }

    /// <summary>Reads lines "name — description" of a texts.yaml list.</summary>
    public static IReadOnlyList<BotCommand> Commands(UiTexts texts, string list, Language language)
    {
        return [.. texts.List(list, language).Select(line =>
        {
            var (name, description) = line.Split('—', 2, StringSplitOptions.TrimEntries) is [var n, var d] ? (n, d) : (line.Trim(), line.Trim());
            return new BotCommand { Command = name, Description = description };
        })];
    }
}
