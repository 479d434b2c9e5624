using Microsoft.Extensions.DependencyInjection;

namespace TreatyBot.Curation;

internal static class CurationServiceExtensions
{
    /// <summary>
    /// The curation loop: the log of questions answered badly (queued on the reply path, written and pruned in the
    /// background) and the 👍 / 👎 votes, each behind its store interface (registered by AddStore).
    /// </summary>
    public static IServiceCollection AddCuration(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<CurationOptions, CurationOptionsValidator>().BindConfiguration(CurationOptions.Section);
        services.AddOptions<FeedbackOptions>().BindConfiguration(FeedbackOptions.Section);
        services.AddSingleton<CurationRecorder>();
        services.AddHostedService<CurationWriter>();
        services.AddHostedService<CurationPruner>();
        return services;
    }
}
