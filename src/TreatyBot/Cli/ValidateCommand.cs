using System.CommandLine;
using TreatyBot.Knowledge.Facts;
using TreatyBot.KnowledgeBase;

namespace TreatyBot.Cli;

/// <summary><c>validate</c>: loads the fact base and renders every reply, listing every problem (exit 1) or a summary.</summary>
internal static class ValidateCommand
{
    public static Command Declare()
    {
        var validate = new Command("validate", "Check the fact base (responses/) and list every problem with its file and line; exit 1 if there is one.");
        validate.SetAction(parse => Run(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return validate;
    }

    private static int Run(TextWriter output, TextWriter error)
    {
        var folder = CommandLine.KnowledgePath();
        try
        {
            var facts = FactBaseLoader.Load(folder);
            var problems = FactBaseChecks.RenderedReplies(facts).ToList();
            foreach (var problem in problems)
            {
                error.WriteLine(problem);
            }

            if (problems.Count > 0)
            {
                return 1;
            }

            output.WriteLine($"{folder}: {facts.Facts.Count} facts, {facts.Sources.Count} sources — OK");
            return 0;
        }
        catch (FactBaseException ex)
        {
            error.WriteLine($"{folder}: {ex.Problems.Count} problem(s)");
            foreach (var problem in ex.Problems)
            {
                error.WriteLine(problem);
            }

            return 1;
        }
    }
}
