using System.Globalization;
using System.Security;
using System.Text;

namespace HsActors.Classification.Evaluation;

/// <summary>
/// Renders a chapter confusion matrix as an SVG heat map: true chapters down, predicted chapters across, each cell
/// shaded by its share of the true chapter's cases. The shade follows the square root of the share so that the
/// scattered small confusions stay visible next to a strong diagonal.
/// </summary>
public static class ConfusionHeatMap
{
    private const int Left = 56;
    private const int Top = 72;
    private const int LegendWidth = 110;
    private const int Bottom = 36;

    public static string Render(ChapterConfusion confusion, string title)
    {
        ArgumentNullException.ThrowIfNull(confusion);
        var n = confusion.Labels.Count;
        var cell = n <= 30 ? 18 : n <= 60 ? 12 : 9;
        var font = Math.Max(6, cell - 3);
        var grid = n * cell;
        var width = Left + grid + LegendWidth;
        var height = Top + grid + Bottom;
        var svg = new StringBuilder();
        svg.Append(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\">\n"));
        svg.Append(F($"<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n"));
        svg.Append(F($"<text x=\"{Left}\" y=\"18\" font-size=\"13\" font-weight=\"bold\">{Escape(title)}</text>\n"));
        svg.Append(F($"<text x=\"{Left + grid / 2}\" y=\"34\" font-size=\"10\" text-anchor=\"middle\">predicted chapter (top-1)</text>\n"));
        svg.Append(F($"<text x=\"12\" y=\"{Top + grid / 2}\" font-size=\"10\" text-anchor=\"middle\" transform=\"rotate(-90 12 {Top + grid / 2})\">true chapter</text>\n"));
        svg.Append(F($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{grid}\" height=\"{grid}\" fill=\"#fbfbfb\" stroke=\"#999999\" stroke-width=\"0.5\"/>\n"));

        for (var i = 0; i < n; i++)
        {
            var label = Escape(confusion.Labels[i]);
            var centre = i * cell + cell / 2.0;
            svg.Append(F($"<text x=\"{Left - 3}\" y=\"{Top + centre + font / 3.0:0.#}\" font-size=\"{font}\" text-anchor=\"end\">{label}</text>\n"));
            var x = Left + centre + font / 3.0;
            svg.Append(F($"<text x=\"{x:0.#}\" y=\"{Top - 3}\" font-size=\"{font}\" transform=\"rotate(-90 {x:0.#} {Top - 3})\">{label}</text>\n"));
        }

        for (var row = 0; row < n; row++)
        {
            var total = confusion.RowTotal(row);
            for (var column = 0; column < n; column++)
            {
                var count = confusion.Counts[row][column];
                if (count == 0 || total == 0)
                {
                    continue;
                }
                var share = (double)count / total;
                svg.Append(F($"<rect x=\"{Left + column * cell}\" y=\"{Top + row * cell}\" width=\"{cell}\" height=\"{cell}\" fill=\"{Shade(Math.Sqrt(share))}\">"));
                svg.Append(F($"<title>true {Escape(confusion.Labels[row])} → predicted {Escape(confusion.Labels[column])}: {count} of {total} ({share * 100:0}%)</title></rect>\n"));
            }
        }
        AppendLegend(svg, Left + grid + 24, Top, Math.Min(grid, 200));
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void AppendLegend(StringBuilder svg, int x, int y, int height)
    {
        svg.Append("<defs><linearGradient id=\"share\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">");
        svg.Append(F($"<stop offset=\"0\" stop-color=\"{Shade(0)}\"/><stop offset=\"0.5\" stop-color=\"{Shade(0.5)}\"/><stop offset=\"1\" stop-color=\"{Shade(1)}\"/>"));
        svg.Append("</linearGradient></defs>\n");
        svg.Append(F($"<rect x=\"{x}\" y=\"{y}\" width=\"14\" height=\"{height}\" fill=\"url(#share)\" stroke=\"#999999\" stroke-width=\"0.5\"/>\n"));
        foreach (var share in new[] { 0.0, 0.05, 0.25, 0.5, 1.0 })
        {
            var ty = y + height - Math.Sqrt(share) * height;
            svg.Append(F($"<line x1=\"{x + 14}\" y1=\"{ty:0.#}\" x2=\"{x + 18}\" y2=\"{ty:0.#}\" stroke=\"#333333\" stroke-width=\"0.5\"/>"));
            svg.Append(F($"<text x=\"{x + 21}\" y=\"{ty + 3:0.#}\" font-size=\"9\">{share * 100:0}%</text>\n"));
        }
        svg.Append(F($"<text x=\"{x}\" y=\"{y + height + 14}\" font-size=\"9\">share of the</text>\n"));
        svg.Append(F($"<text x=\"{x}\" y=\"{y + height + 25}\" font-size=\"9\">true chapter's cases</text>\n"));
    }

    /// <summary>White (0) to dark blue (1).</summary>
    private static string Shade(double intensity)
    {
        var t = Math.Clamp(intensity, 0, 1);
        static int Mix(int from, int to, double t) => (int)Math.Round(from + (to - from) * t);
        return F($"#{Mix(0xF7, 0x08, t):x2}{Mix(0xFB, 0x30, t):x2}{Mix(0xFF, 0x6B, t):x2}");
    }

    private static string Escape(string text) => SecurityElement.Escape(text) ?? "";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
