using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TreatyBot.Cli;
using TreatyBot.Conversations;
using TreatyBot.Curation;
using TreatyBot.Delivery;
using TreatyBot.Hosting;
using TreatyBot.Knowledge.Facts;
using TreatyBot.KnowledgeBase;
using TreatyBot.Receiving;
using TreatyBot.Storage;
using TreatyBot.Telemetry;

if (CommandLine.TryRun(args, Console.In, Console.Out, Console.Error, out var hostArgs) is { } exitCode)
{
    return exitCode;
}

IHost host;
try
{
    // A web host in webhook mode or with a management port, a plain one otherwise (see TreatyBotApp).
    var builder = TreatyBotApp.CreateBuilder(hostArgs);
    builder.AddTreatyBot();
    host = TreatyBotApp.Build(builder);

    // Check configuration and the fact base before the host starts, so a mistake is one clear line, not a stack trace.
    _ = host.Services.GetRequiredService<IOptions<BotOptions>>().Value;
    _ = host.Services.GetRequiredService<IOptions<WebhookOptions>>().Value;
    _ = host.Services.GetRequiredService<IOptions<ManagementOptions>>().Value;
    _ = host.Services.GetRequiredService<IOptions<FloodOptions>>().Value;
    _ = host.Services.GetRequiredService<IOptions<DeliveryOptions>>().Value;
    _ = host.Services.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
    _ = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
    _ = host.Services.GetRequiredService<IOptions<CurationOptions>>().Value;
    _ = host.Services.GetRequiredService<KnowledgeStore>();

    // The store last: the folder is made and the schema brought up to date only once everything else is right. A Redis
    // store starts connecting and never stops the start: a server away is a degraded service, not a crash loop.
    if (host.Services.GetService<SqliteDatabase>() is { } database)
    {
        await database.OpenAsync(CancellationToken.None);
    }

    _ = host.Services.GetService<RedisConnection>()?.StartAsync();
}
catch (OptionsValidationException ex)
{
    // The messages name the setting, never its value: the token stays out of the output.
    foreach (var failure in ex.Failures)
    {
        await Console.Error.WriteLineAsync(failure);
    }

    return 2;
}
catch (InvalidOperationException ex) when (ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
{
    // A setting that is not a number, a time or a mode: the message names the key (Bot:Token is text, never converted).
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}
catch (FactBaseException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 3;
}
catch (StoreException ex)
{
    // The folder cannot be written, or the file is from a newer version: restarting will not help.
    await Console.Error.WriteLineAsync(ex.Message);
    return 5;
}

using (host)
{
    await host.RunAsync();
}

return Environment.ExitCode;
