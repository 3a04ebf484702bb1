using HsActors.Grains.Models;

namespace HsActors.Silo.Hosting;

/// <summary>Runs the silo's one pointer watch for its lifetime.</summary>
internal sealed class ModelPointerFollowerService(ModelPointerFollower follower) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => follower.RunAsync(stoppingToken);
}
