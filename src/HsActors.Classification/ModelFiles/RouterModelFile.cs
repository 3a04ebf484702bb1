using HsActors.Classification.Hierarchy;
using HsActors.Learning;

namespace HsActors.Classification.ModelFiles;

/// <summary>The router file also carries the cleansing options and the vectorizer every chapter model depends on.</summary>
public static class RouterModelFile
{
    public static byte[] Write(RouterModel router, ModelMetadata metadata) =>
        ModelEnvelope.Wrap(ModelKind.Router, ModelBinary.Payload(w =>
        {
            w.WriteMetadata(metadata);
            w.WriteCleansing(router.Featurizer.Cleansing);
            router.Featurizer.Vectorizer.WriteTo(w);
            w.WriteCodes(router.Chapters);
            router.Model.WriteTo(w);
            w.Write(router.Calibration.Temperature);
        }));

    public static (RouterModel Router, ModelMetadata Metadata) Read(ReadOnlyMemory<byte> file, string source) =>
        ModelBinary.Read(ModelEnvelope.Unwrap(file, ModelKind.Router, source), source, r =>
        {
            var metadata = r.ReadMetadata();
            var cleansing = r.ReadCleansing();
            var vectorizer = TfIdfVectorizer.ReadFrom(r);
            var chapters = r.ReadCodes();
            var model = LinearModel.ReadFrom(r);
            var temperature = r.ReadDouble();
            if (model.ClassCount != chapters.Length || model.FeatureCount != vectorizer.FeatureCount)
            {
                throw new ModelFileException($"{source}: router weights ({model.ClassCount}×{model.FeatureCount}) do not fit {chapters.Length} chapters × {vectorizer.FeatureCount} features.");
            }
            return (new RouterModel(new DescriptionFeaturizer(cleansing, vectorizer), chapters, model, new SoftmaxCalibration(temperature)), metadata);
        });
}
