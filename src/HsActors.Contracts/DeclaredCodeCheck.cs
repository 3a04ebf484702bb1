using System.Text.Json.Serialization;

namespace HsActors.Contracts;

/// <param name="RiskScore">0 (the model agrees) to 1 (the model gives the declared code no probability at all).</param>
/// <param name="ProbabilityOfDeclared">The probability the model gives the declared code (its 6-digit prefix when 6 digits were declared).</param>
public sealed record DeclaredCodeCheck(string DeclaredCode, DeclaredCodeVerdict Verdict, double RiskScore, double ProbabilityOfDeclared, string Reason);

[JsonConverter(typeof(JsonStringEnumConverter<DeclaredCodeVerdict>))]
public enum DeclaredCodeVerdict
{
    Agrees,
    Disagrees,
    NotAValidCode,
}
