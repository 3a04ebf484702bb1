namespace HsActors.Contracts;

/// <summary>Who an API key is: what the console shows after sign-in and uses to pick the officer's or administrator's view.</summary>
/// <param name="Role">hub, officer or admin.</param>
/// <param name="ExpiresAt">Null for a key without a term.</param>
public sealed record ApiSession(string Name, string Role, DateTimeOffset? ExpiresAt);
