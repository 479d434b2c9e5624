using System.Runtime;
using System.Runtime.InteropServices;

namespace TreatyBot.LoadBench;

/// <summary>What the figures were measured on.</summary>
public static class Machine
{
    public static void Write(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("### Machine");
        output.WriteLine();
        output.WriteLine($"- CPU: {CpuModel()}, {Environment.ProcessorCount} logical cores");
        output.WriteLine($"- memory: {MemTotalGiB():F1} GiB");
        output.WriteLine($"- OS: {OsName()} ({RuntimeInformation.OSDescription}, {RuntimeInformation.OSArchitecture})");
        output.WriteLine($"- .NET: {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC; harness and bot built {Paths.Configuration}");
        output.WriteLine();
    }

    private static string CpuModel() =>
        ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";

    private static double MemTotalGiB() =>
        ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) is { } line
            ? long.Parse(line["MemTotal:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024.0 / 1024.0
            : double.NaN;

    private static string OsName() =>
        ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"')
        ?? RuntimeInformation.OSDescription;

    private static string[] ReadLines(string path) => File.Exists(path) ? File.ReadAllLines(path) : [];
}
