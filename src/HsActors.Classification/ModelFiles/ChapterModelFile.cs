using HsActors.Classification.Hierarchy;
using HsActors.Learning;
using HsActors.Nomenclature;

namespace HsActors.Classification.ModelFiles;

public static class ChapterModelFile
{
    public static byte[] Write(ChapterModel chapter, ModelMetadata metadata) =>
        ModelEnvelope.Wrap(ModelKind.Chapter, ModelBinary.Payload(w =>
        {
            w.WriteMetadata(metadata);
            w.Write(chapter.Chapter.Digits);
            WriteFeatureMap(w, chapter.Features);
            w.WriteCodes(chapter.Subheadings);
            WriteOptionalModel(w, chapter.SubheadingModel);
            w.Write(chapter.SubheadingCalibration.Temperature);
            foreach (var group in chapter.Lines)
            {
                w.WriteCodes(group.Lines);
                if (group.Lines.Count > 0)
                {
                    WriteFeatureMap(w, group.Features);
                    WriteOptionalModel(w, group.Model);
                }
            }
            w.Write(chapter.NationalLineCalibration.Temperature);
        }));

    public static (ChapterModel Chapter, ModelMetadata Metadata) Read(ReadOnlyMemory<byte> file, string source) =>
        ModelBinary.Read(ModelEnvelope.Unwrap(file, ModelKind.Chapter, source), source, r =>
        {
            var metadata = r.ReadMetadata();
            var chapter = HsCode.Parse(r.ReadString());
            var features = ReadFeatureMap(r);
            var subheadings = r.ReadCodes();
            var subModel = ReadOptionalModel(r);
            var subT = r.ReadDouble();
            var lines = new SubheadingLines[subheadings.Length];
            for (var s = 0; s < lines.Length; s++)
            {
                var codes = r.ReadCodes();
                lines[s] = codes.Length == 0
                    ? SubheadingLines.None(subheadings[s])
                    : new SubheadingLines(subheadings[s], codes, ReadFeatureMap(r), ReadOptionalModel(r));
            }
            var lineT = r.ReadDouble();
            var model = new ChapterModel(chapter, features, subheadings, subModel, new SoftmaxCalibration(subT), lines, new SoftmaxCalibration(lineT));
            return (model, metadata);
        });

    /// <summary>Gaps between sorted ids are small, so 7-bit deltas keep the map to a byte or two per feature.</summary>
    private static void WriteFeatureMap(BinaryWriter w, FeatureMap map)
    {
        w.Write7BitEncodedInt(map.Count);
        var previous = 0;
        foreach (var id in map.GlobalIds)
        {
            w.Write7BitEncodedInt(id - previous);
            previous = id;
        }
    }

    private static FeatureMap ReadFeatureMap(BinaryReader r)
    {
        var ids = new int[r.ReadCount(int.MaxValue)];
        var previous = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            previous += r.Read7BitEncodedInt();
            ids[i] = previous;
        }
        return new FeatureMap(ids);
    }

    private static void WriteOptionalModel(BinaryWriter w, LinearModel? model)
    {
        w.Write(model is not null);
        model?.WriteTo(w);
    }

    private static LinearModel? ReadOptionalModel(BinaryReader r) => r.ReadBoolean() ? LinearModel.ReadFrom(r) : null;
}
