using Microsoft.Extensions.DependencyInjection;
using TreatyBot.Storage;

namespace TreatyBot.Anniversaries;

internal static class AnniversaryServiceCollectionExtensions
{
    /// <summary>"This day in history": the subscriptions and the posted log in the store, the commands, and the poster.</summary>
    public static IServiceCollection AddAnniversaries(this IServiceCollection services)
    {
        services.AddSingleton<SqliteSubscriptions>();
        services.AddSingleton<ISubscriptions>(sp => sp.GetRequiredService<SqliteSubscriptions>());
        services.AddSingleton<IPostedLog>(sp => sp.GetRequiredService<SqliteSubscriptions>());
        services.AddSingleton<AnniversaryPoster>();
        services.AddHostedService(sp => sp.GetRequiredService<AnniversaryPoster>());
        services.AddSingleton<AnniversaryCommands>();
        return services;
    }
}
