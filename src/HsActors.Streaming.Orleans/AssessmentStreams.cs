namespace HsActors.Streaming.Orleans;

/// <summary>The names under which the assessment stream appears in Orleans.</summary>
public static class AssessmentStreams
{
    /// <summary>The persistent stream provider whose queue is the durable assessment log.</summary>
    public const string ProviderName = "assessments";

    /// <summary>The stream namespace; consumer grains subscribe to it implicitly.</summary>
    public const string Namespace = "assessments";

    /// <summary>Every assessment travels on this one stream, so its consumers see the log's order.</summary>
    public const string Key = "all";
}
