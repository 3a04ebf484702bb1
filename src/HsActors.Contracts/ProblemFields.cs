namespace HsActors.Contracts;

/// <summary>
/// Bad input is answered with RFC 7807 problem details (application/problem+json); the fields at fault are listed
/// under the extension member <see cref="ErrorsMember"/> as field name → messages, like ASP.NET's validation problems.
/// </summary>
public static class ProblemFields
{
    public const string ErrorsMember = "errors";
}
