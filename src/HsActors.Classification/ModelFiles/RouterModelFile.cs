using HsActors.Classification.Hierarchy;
using HsActors.Learning;

namespace HsActors.Classification.ModelFiles;

/// <summary>The router file also carries the cleansing options and the vectorizer every chapter model depends on.</summary>
public static class RouterModelFile
{
    /// <summary>The second opinion is what format 3 added; a router without one is written in format 2, which older builds read.</summary>
    private const ushort FirstVersionWithSecondOpinion = 3;

    public static byte[] Write(RouterModel router, ModelMetadata metadata) =>
        ModelEnvelope.Wrap(ModelKind.Router, ModelBinary.Payload(w =>
        {
            w.WriteMetadata(metadata);
            w.WriteCleansing(router.Featurizer.Cleansing);
            router.Featurizer.Vectorizer.WriteTo(w);
            w.WriteCodes(router.Chapters);
            router.Model.WriteTo(w);
            w.Write(router.Calibration.Temperature);
            if (router.SecondOpinion is { } second)
            {
                w.Write(second.Weight);
                second.Model.WriteTo(w);
            }
        }), router.SecondOpinion is null ? (ushort)(FirstVersionWithSecondOpinion - 1) : FirstVersionWithSecondOpinion);

    public static (RouterModel Router, ModelMetadata Metadata) Read(ReadOnlyMemory<byte> file, string source) =>
        ModelBinary.Read(ModelEnvelope.Unwrap(file, ModelKind.Router, source, out var version), source, r =>
        {
            var metadata = r.ReadMetadata();
            var cleansing = r.ReadCleansing();
            var vectorizer = TfIdfVectorizer.ReadFrom(r);
            var chapters = r.ReadCodes();
            var model = LinearModel.ReadFrom(r);
            var temperature = r.ReadDouble();
            RequireShape(source, "router weights", model.ClassCount, model.FeatureCount, chapters.Length, vectorizer.FeatureCount);
            RouterSecondOpinion? second = null;
            if (version >= FirstVersionWithSecondOpinion)
            {
                var weight = r.ReadSingle();
                var naiveBayes = MultinomialNaiveBayesModel.ReadFrom(r);
                RequireShape(source, "naive Bayes weights", naiveBayes.ClassCount, naiveBayes.FeatureCount, chapters.Length, vectorizer.FeatureCount);
                second = new RouterSecondOpinion(naiveBayes, weight);
            }
            return (new RouterModel(new DescriptionFeaturizer(cleansing, vectorizer), chapters, model, new SoftmaxCalibration(temperature), second), metadata);
        });

    private static void RequireShape(string source, string what, int classCount, int featureCount, int chapters, int features)
    {
        if (classCount != chapters || featureCount != features)
        {
            throw new ModelFileException($"{source}: {what} ({classCount}×{featureCount}) do not fit {chapters} chapters × {features} features.");
        }
    }
}
