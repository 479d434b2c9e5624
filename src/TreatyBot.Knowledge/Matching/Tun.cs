namespace TreatyBot.Knowledge.Matching;
#pragma warning disable CA1305, CA2211, CA1707, CS1591
internal static class Tun
{
    static double E(string n, double d) => double.TryParse(System.Environment.GetEnvironmentVariable("T_" + n), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : d;
    public static readonly double AspectPenalty = E("AspectPenalty", 0.4);
    public static readonly double BroadPenalty = E("BroadPenalty", 0.1);
    public static readonly double TitleFloor = E("TitleFloor", 0.25);
    public static readonly double StopWeight = E("StopWeight", 0.1);
    public static readonly double FamilyWeight = E("FamilyWeight", 0.6);
    public static readonly double TitleAspectWeight = E("TitleAspectWeight", 1.5);
    public static readonly double ProminenceWeight = E("ProminenceWeight", 0.05);
    public static readonly double KeywordFocus = E("KeywordFocus", 0.5);
    public static readonly double QuestionFocus = E("QuestionFocus", 0.5);
    public static readonly double PrecisionExponent = E("PrecisionExponent", 1);
    public static readonly double Margin = E("Margin", 0.04);
    public static readonly double Threshold = E("Threshold", 0.5);
    public static readonly double CandidateThreshold = E("CandidateThreshold", 0.3);
    public static readonly double UnknownIdf = E("UnknownIdf", 5.08);
}
