using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TreatyBot.Cli;
using TreatyBot.Hosting;
using TreatyBot.Knowledge.Facts;

if (CommandLine.TryRun(args, Console.In, Console.Out, Console.Error) is { } exitCode)
{
    return exitCode;
}

var builder = Host.CreateApplicationBuilder(args.Length > 0 && args[0] == "run" ? args[1..] : args);
builder.AddTreatyBot();
using var host = builder.Build();
try
{
    await host.RunAsync();
    return Environment.ExitCode;
}
catch (OptionsValidationException ex)
{
    // One clear line per problem, no stack trace, never the token itself (the messages do not contain values).
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
