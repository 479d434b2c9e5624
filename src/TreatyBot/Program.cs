using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TreatyBot.Cli;
using TreatyBot.Hosting;
using TreatyBot.Knowledge.Facts;
using TreatyBot.Telegram;

if (CommandLine.TryRun(args, Console.In, Console.Out, Console.Error) is { } exitCode)
{
    return exitCode;
}

var builder = Host.CreateApplicationBuilder(args.Length > 0 && args[0] == "run" ? args[1..] : args);
builder.AddTreatyBot();
using var host = builder.Build();
try
{
    // Check configuration and the fact base before the host starts, so a mistake is one clear line, not a stack trace.
    _ = host.Services.GetRequiredService<IOptions<BotOptions>>().Value;
    _ = host.Services.GetRequiredService<IOptions<FloodOptions>>().Value;
    _ = host.Services.GetRequiredService<KnowledgeStore>();
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
catch (FactBaseException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 3;
}

await host.RunAsync();
return Environment.ExitCode;
