using System.Runtime.CompilerServices;

namespace HsActors.ModelRegistry.Tests;

/// <summary>
/// The linked <c>AzuriteFixture</c> looks for azurite in node_modules/.bin above the test binaries and on PATH.
/// Azurite is installed once, in tests/HsActors.Storage.Tests; put that folder on PATH so both test projects use it.
/// </summary>
internal static class AzuriteInstallLocation
{
#pragma warning disable CA2255 // Must run before xunit constructs the fixture; a test assembly has no earlier hook.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void AddStorageTestsNodeModulesToPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var bin = Path.Combine(directory.FullName, "HsActors.Storage.Tests", "node_modules", ".bin");
            if (Directory.Exists(bin))
            {
                var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
                Environment.SetEnvironmentVariable("PATH", bin + Path.PathSeparator + path);
                return;
            }
        }
    }
}
