namespace HsActors.Silo.Hosting;

/// <summary>The assessment settings of the <c>HsActors</c> section (bound beside <see cref="SiloOptions"/>).</summary>
public sealed class AssessmentIngressOptions
{
    public RabbitMqSettings RabbitMq { get; set; } = new();

    public AssessmentSettings Assessments { get; set; } = new();
}
