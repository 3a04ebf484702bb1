namespace HsActors.Silo.Security;

/// <summary>The roles an API key can carry, and the authorization policies the endpoints require.</summary>
public static class ApiRoles
{
    public const string Hub = "hub";
    public const string Officer = "officer";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Hub, Officer, Admin];

    /// <summary>Single-line and batch classification (officers check pasted lists in the console through the batch route).</summary>
    public const string ClassifyPolicy = "classify";

    /// <summary>Importer statistics and nomenclature lookups: officers' reading.</summary>
    public const string ReadPolicy = "officer-read";

    /// <summary>Submitting officers' assessments.</summary>
    public const string AssessPolicy = "assess";

    /// <summary>Reading the audit trail.</summary>
    public const string AuditPolicy = "audit-read";
    /// <summary>Model administration: versions, promotion, canaries, shadows, pins, retraining.</summary>
    public const string AdminPolicy = "admin";

    public static void AddPolicies(Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        options.AddPolicy(ClassifyPolicy, p => p.RequireAuthenticatedUser().RequireRole(Hub, Officer, Admin));
        options.AddPolicy(ReadPolicy, p => p.RequireAuthenticatedUser().RequireRole(Officer, Admin));
        options.AddPolicy(AssessPolicy, p => p.RequireAuthenticatedUser().RequireRole(Officer, Admin));
        options.AddPolicy(AuditPolicy, p => p.RequireAuthenticatedUser().RequireRole(Admin));
        options.AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(Admin));
    }
}
