using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TreatyBot.Storage;

internal static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The store for <c>Storage:Provider</c>: per feature a small interface (chat settings, subscriptions and the posted
    /// log, the curation log, feedback) on one SQLite file, or on the Redis server several replicas share.
    /// </summary>
    public static IServiceCollection AddStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<StorageOptions, StorageOptionsValidator>().BindConfiguration(StorageOptions.Section);
        if (ProviderOf(configuration) == StorageProvider.Redis)
        {
            services.AddSingleton<RedisConnection>();
            return services;
        }

        // One SQLite file, the schema brought up to date on first use (Program opens it before the start).
        services.AddSingleton(sp => new SqliteDatabase(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.ResolveFolder(),
            Migrations.All,
            sp.GetRequiredService<ILogger<SqliteDatabase>>()));
        services.AddSingleton<IChatSettings, SqliteChatSettings>();
        services.AddSingleton<SqliteSubscriptions>();
        services.AddSingleton<ISubscriptions>(sp => sp.GetRequiredService<SqliteSubscriptions>());
        services.AddSingleton<IPostedLog>(sp => sp.GetRequiredService<SqliteSubscriptions>());
        services.AddSingleton<ICurationLog, SqliteCurationLog>();
        services.AddSingleton<IFeedback, SqliteFeedback>();
        return services;
    }

    /// <summary>The provider the configuration names (sqlite when none); a word that is neither fails the start naming the key.</summary>
    public static StorageProvider ProviderOf(IConfiguration configuration) =>
        configuration.GetValue<StorageProvider?>($"{StorageOptions.Section}:{nameof(StorageOptions.Provider)}") ?? StorageProvider.Sqlite;
}
