using Telegram.Bot.Types.ReplyMarkups;

namespace TreatyBot.Rendering;

/// <summary>A reply in Telegram HTML, with optional buttons under it.</summary>
internal sealed record Reply(string Html, InlineKeyboardMarkup? Keyboard = null);
