using HsActors.Classification.Hierarchy;
using HsActors.Classification.ModelFiles;

namespace HsActors.Grains.Models;

public sealed record VersionedChapter(ChapterModel Model, ModelMetadata Metadata);
