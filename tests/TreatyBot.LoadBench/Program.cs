using TreatyBot.LoadBench;

// The performance harness of docs/benchmarks.md. Everything runs on 127.0.0.1 against the fake Bot API and stops by itself.
//   dotnet run -c Release --project tests/TreatyBot.LoadBench -- all
//   … -- e2e | startup | memory   [--questions 10000] [--chats 50] [--warmup 2000] [--runs 5] [--bot path/to/TreatyBot.dll] [--heap-limit-mib H]
const string Usage = "usage: TreatyBot.LoadBench all|e2e|startup|memory [--questions N] [--chats M] [--warmup W] [--runs R] [--bot path/to/TreatyBot.dll] [--heap-limit-mib H]";

var command = args.Length > 0 ? args[0] : "all";
BenchSettings settings;
try
{
    settings = BenchSettings.Parse(args.Skip(1).ToArray());
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    await Console.Error.WriteLineAsync(Usage);
    return 2;
}

if (command is not ("all" or "e2e" or "startup" or "memory"))
{
    await Console.Error.WriteLineAsync(Usage);
    return 2;
}

if (Paths.Configuration != "Release")
{
    await Console.Error.WriteLineAsync($"warning: built {Paths.Configuration}; the documented figures are from -c Release");
}

var progress = Console.Error;
var report = Console.Out;
Machine.Write(report);
var ok = true;
if (command is "all" or "e2e")
{
    var e2e = await EndToEnd.RunAsync(settings, progress);
    e2e.Write(report);
    ok &= e2e.EveryQuestionAnsweredOnce;
}

if (command is "all" or "startup")
{
    (await StartupBench.RunAsync(settings, progress)).Write(report);
}

if (command is "all" or "memory")
{
    var memory = await MemoryBench.RunAsync(settings, progress);
    memory.Write(report);
    ok &= memory.Loads.All(l => l.EveryQuestionAnsweredOnce);
}

return ok ? 0 : 1;
