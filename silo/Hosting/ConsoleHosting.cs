using Microsoft.Extensions.FileProviders;

namespace HsActors.Silo.Hosting;

/// <summary>
/// Serves the officers' and administrators' console at <c>/</c> from the files built next to the silo. The page only
/// calls this silo's own <c>/v1</c> routes with the key typed into it, so a strict content security policy holds:
/// no script, style or connection to any other origin, no inline script, and no framing by another site.
/// </summary>
internal static class ConsoleHosting
{
    public const string Folder = "console";

    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static void UseConsole(this WebApplication app)
    {
        var root = Path.Combine(AppContext.BaseDirectory, Folder);
        if (!Directory.Exists(root))
        {
            app.Logger.LogWarning("The console's files are missing ({Folder}); the silo serves the API only.", root);
            return;
        }
        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                // A new silo version must not run yesterday's script against today's API.
                headers.CacheControl = "no-cache";
            },
        });
    }
}
