using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Facts;
using TreatyBot.KnowledgeBase;

namespace TreatyBot.Cli;

/// <summary>
/// The command line, declared with System.CommandLine: <c>ask</c>, <c>chat</c>, <c>validate</c>, <c>eval</c>,
/// <c>review</c> and <c>health</c> need no token and run here; <c>run</c> — or no command, or only configuration such as
/// <c>--Bot:Mode=webhook</c> — is the bot itself, which Program.cs hosts. Each command has generated <c>--help</c>.
/// Exit codes: 0 done, 1 the command failed (a gate not met, a broken fact base), 2 the command line is wrong.
/// </summary>
internal static class CommandLine
{
    public const string Name = "TreatyBot";

    private const int UsageError = 2;

    private static readonly ParserConfiguration Parsing = new()
    {
        // Arguments are taken as written: a question may start with @, a setting may look like a bundle of short options.
        ResponseFileTokenReplacer = null,
        EnablePosixBundling = false,
    };

    /// <summary>Runs a command; null when <paramref name="args"/> asks for the bot itself.</summary>
    public static int? TryRun(string[] args, TextReader input, TextWriter output, TextWriter error) =>
        TryRun(args, input, output, error, out _);

    /// <summary>
    /// Runs a command; null when <paramref name="args"/> asks for the bot itself, and then <paramref name="hostArgs"/>
    /// are the configuration arguments for its host (<c>run --Bot:Mode=webhook</c> gives <c>--Bot:Mode=webhook</c>).
    /// </summary>
    public static int? TryRun(string[] args, TextReader input, TextWriter output, TextWriter error, out string[] hostArgs)
    {
        string[]? settings = null;
        var root = Declare(input, given => settings = given);
        var result = root.Parse(Normalize(root, args), Parsing);
        hostArgs = [];
        if (result.Action is ParseErrorAction)
        {
            return ReportUsageError(result, error);
        }

        var exitCode = Invoke(result, output, error);
        if (settings is null)
        {
            return exitCode;
        }

        hostArgs = settings;
        return null;
    }

    private static RootCommand Declare(TextReader input, Action<string[]> runBot)
    {
        var root = new RootCommand(
            "TreatyBot answers questions about the 1925 Soviet–Japanese Convention (Treaty of Peking) from the cited fact " +
            "base in responses/ (setting Knowledge:Path, environment variable Knowledge__Path). Without a command it runs " +
            "the Telegram bot.")
        {
            HelpName = Name,
        };
        root.Subcommands.Add(AskCommand.Declare(input));
        root.Subcommands.Add(ChatCommand.Declare(input));
        root.Subcommands.Add(ValidateCommand.Declare());
        root.Subcommands.Add(EvalCommand.Declare());
        root.Subcommands.Add(ReviewCommand.Declare());
        root.Subcommands.Add(HealthProbe.Declare());
        root.Subcommands.Add(DeclareRun(runBot));
        root.Options.OfType<VersionOption>().Single().Action = new PrintVersion();
        root.SetAction(_ => runBot([]));
        return root;
    }

    private static Command DeclareRun(Action<string[]> runBot)
    {
        var settings = new Argument<string[]>("settings")
        {
            Description = "configuration for the bot as --Key=value or --Key value, e.g. --Bot:Mode=webhook (environment " +
                          "variables such as Bot__Token and appsettings.json work as well)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var run = new Command("run", "Run the Telegram bot (needs Bot:Token; Bot:Mode polling or webhook). The default command.")
        {
            settings,
        };
        run.SetAction(parse => runBot(parse.GetValue(settings) ?? []));
        return run;
    }

    /// <summary>
    /// The spellings kept from the hand-written parser: configuration without a command means <c>run</c>, and
    /// <c>help [command]</c> and <c>version</c> mean <c>[command] --help</c> and <c>--version</c>.
    /// </summary>
    private static string[] Normalize(RootCommand root, string[] args) => args switch
    {
        ["help", .. var rest] => [.. rest, "--help"],
        ["version"] => ["--version"],
        [var first, ..] when first.StartsWith('-') && !root.Options.Any(o => o.Name == first || o.Aliases.Contains(first)) => ["run", .. args],
        _ => args,
    };

    /// <summary>
    /// What was wrong, one line each, and where the usage is — not the whole help, which would bury the error. An
    /// unknown command also lists the commands (the library's own typo hints go to standard output and suggest -h for
    /// any short word).
    /// </summary>
    private static int ReportUsageError(ParseResult result, TextWriter error)
    {
        foreach (var problem in result.Errors)
        {
            error.WriteLine(problem.Message);
        }

        var command = result.CommandResult;
        if (command.Command is RootCommand root)
        {
            error.WriteLine($"Commands: {string.Join(", ", root.Subcommands.Select(c => c.Name))}.");
        }

        error.WriteLine($"Run '{string.Join(' ', CommandPath(command))} --help' for usage.");
        return UsageError;
    }

    /// <summary>The command as typed: <c>TreatyBot</c>, <c>TreatyBot eval</c>.</summary>
    private static IEnumerable<string> CommandPath(CommandResult command) =>
        (command.Parent is CommandResult parent ? CommandPath(parent) : []).Append(command.Command is RootCommand ? Name : command.Command.Name);

    private static int Invoke(ParseResult result, TextWriter output, TextWriter error)
    {
        try
        {
            // No default exception handler: it prints stack traces. The failures a user can cause are caught below.
            return result.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (FactBaseException ex)
        {
            error.WriteLine(ex.Message);
            error.WriteLine("Run `validate` for the full list.");
            return 1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            // A question file that cannot be read or is malformed, an output that went away: one line.
            error.WriteLine($"{result.CommandResult.Command.Name}: {ex.Message}");
            return 1;
        }
    }

    /// <summary>The fact base the bot would use: Knowledge:Path (environment variable Knowledge__Path), else ./responses.</summary>
    public static string KnowledgePath() => Knowledge().ResolvePath();

    /// <summary>The fact base the bot would use, its classifier's cache as the bot's (Knowledge__Cache).</summary>
    public static KnowledgeStore LoadStore()
    {
        var knowledge = Knowledge();
        return new(knowledge.ResolvePath(), knowledge.ResolveCache());
    }

    private static KnowledgeOptions Knowledge() => new()
    {
        Path = Environment.GetEnvironmentVariable("Knowledge__Path"),
        Cache = Environment.GetEnvironmentVariable("Knowledge__Cache"),
    };

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(typeof(CommandLine).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
            return 0;
        }
    }
}
