namespace TreatyBot.Tests.Replicas;

/// <summary>
/// Tests that time real sends against a real redis-server (its clock cannot be faked): they run alone, after the
/// parallel ones, so that a machine busy with other tests does not bunch sends that left a window apart.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimedReplicas
{
    public const string Name = "Timed replicas on a real Redis";
}
