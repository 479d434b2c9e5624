using Microsoft.Extensions.DependencyInjection;

namespace TreatyBot.Anniversaries;

internal static class AnniversaryServiceCollectionExtensions
{
    /// <summary>"This day in history": the commands and the poster (the subscriptions and the posted log are in the store: AddStore).</summary>
    public static IServiceCollection AddAnniversaries(this IServiceCollection services)
    {
        services.AddSingleton<AnniversaryPoster>();
        services.AddHostedService(sp => sp.GetRequiredService<AnniversaryPoster>());
        services.AddSingleton<AnniversaryCommands>();
        return services;
    }
}
