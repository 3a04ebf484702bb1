using System.Text;
using HsActors.Corpus;
using Xunit.Abstractions;

namespace HsActors.Corpus.Tests;

public sealed class DeclarationImporterTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private static async Task<List<LabeledDescription>> ReadAllAsync(string path, ImportReport report, IProgress<long>? progress = null)
    {
        var rows = new List<LabeledDescription>();
        await foreach (var row in DeclarationImporter.ReadAsync(path, report, progress))
        {
            rows.Add(row);
        }
        return rows;
    }

    [Fact]
    public async Task Csv_good_and_bad_rows_are_separated_with_the_right_line_numbers()
    {
        var path = directory.Write("declarations.csv",
            "Goods Description,HS Code,Importer_ID,Customs Agent,Origin,Declared On,Assessed\n" + // 1
            "BRASS BUSS KD BAIK BARU,8714.10.90,IMP1,AG1,cn,2024-05-01,true\n" +                  // 2 ok
            "\"TELESCOPE, T EAGLE \"\"SR\"\" 2X28\nSECOND LINE\",90051000,IMP2,,JP,,no\n" +        // 3-4 ok, quoted
            "CLUTCH DISCS,ABC,IMP3,,,,\n" +                                                       // 5 bad code
            ",87141090,IMP4,,,,\n" +                                                              // 6 empty description
            "ONLY TWO,87141090\n" +                                                               // 7 column count
            "\n" +                                                                                // 8 blank: skipped
            "SPARE PARTS,8714109011,IMP5,,,2024-13-45,\n" +                                       // 9 bad date
            "PIPA 12\" BAJA,730431,IMP6,,,01/02/2023,ya\n" +                                      // 10 ok, stray quote, 6 digits
            "SADDLE,8714,IMP7,,,,\n" +                                                            // 11 heading only
            "SADDLE,87141010,IMP8,,,,maybe\n" +                                                   // 12 bad flag
            "CHAIN,8714 99 94 00,IMP9,,,,\n");                                                    // 13 ok, 10 digits
        var report = new ImportReport();
        var rows = await ReadAllAsync(path, report);

        foreach (var error in report.Errors)
        {
            output.WriteLine($"{error.Line}: {error.Reason}");
        }
        Assert.Equal(4, report.Accepted);
        Assert.Equal(6, report.Malformed);
        Assert.Equal([5L, 6, 7, 9, 11, 12], report.Errors.Select(e => e.Line));
        Assert.Contains("'ABC'", report.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Contains("description", report.Errors[1].Reason, StringComparison.Ordinal);
        Assert.Contains("2 fields", report.Errors[2].Reason, StringComparison.Ordinal);
        Assert.Contains("2024-13-45", report.Errors[3].Reason, StringComparison.Ordinal);
        Assert.Contains("'maybe'", report.Errors[5].Reason, StringComparison.Ordinal);

        var first = rows[0];
        Assert.Equal("BRASS BUSS KD BAIK BARU", first.Description);
        Assert.Equal("87141090", first.Code.Digits);
        Assert.Equal(DescriptionSources.Declaration, first.Source);
        Assert.Equal("IMP1", first.ImporterId);
        Assert.Equal("AG1", first.AgentId);
        Assert.Equal("CN", first.OriginCountry);
        Assert.Equal(new DateOnly(2024, 5, 1), first.DeclaredOn);
        Assert.True(first.AssessedByOfficer);

        Assert.Equal("TELESCOPE, T EAGLE \"SR\" 2X28\nSECOND LINE", rows[1].Description);
        Assert.Null(rows[1].AgentId);
        Assert.Null(rows[1].DeclaredOn);
        Assert.False(rows[1].AssessedByOfficer);

        Assert.Equal("PIPA 12\" BAJA", rows[2].Description);
        Assert.Equal("730431", rows[2].Code.Digits);
        Assert.Equal(new DateOnly(2023, 2, 1), rows[2].DeclaredOn);
        Assert.True(rows[2].AssessedByOfficer);

        Assert.Equal("87149994", rows[3].Code.Digits); // 10 digits cut to the 8-digit line
        Assert.Equal(new FileInfo(path).Length, report.BytesRead);
    }

    [Fact]
    public async Task Indonesian_headers_semicolons_and_crlf_are_understood()
    {
        var path = directory.Write("pib.csv",
            "No;Uraian Barang;Kode HS;Commodity Code\r\n" +
            "1;\"KAIN; TENUN\";x;5208.11.00\r\n" +
            "2;BAUT BAJA;x;7318.15.90\r\n");
        var report = new ImportReport();
        var rows = await ReadAllAsync(path, report);
        Assert.Equal(0, report.Malformed);
        Assert.Equal(["KAIN; TENUN", "BAUT BAJA"], rows.Select(r => r.Description));
        Assert.Equal(["52081100", "73181590"], rows.Select(r => r.Code.Digits));
    }

    [Fact]
    public async Task Tsv_is_read_by_extension()
    {
        var path = directory.Write("declarations.tsv", "description\tcode\nSADDLE, LEATHER\t87141010\n");
        var report = new ImportReport();
        var rows = await ReadAllAsync(path, report);
        Assert.Equal("SADDLE, LEATHER", Assert.Single(rows).Description);
    }

    [Fact]
    public async Task Json_lines_good_and_bad_rows_are_separated_with_the_right_line_numbers()
    {
        var path = directory.Write("declarations.jsonl",
            "{\"description\":\"BRASS BUSS\",\"code\":\"8714.10.90\",\"importerId\":\"IMP1\",\"agentId\":\"AG\",\"originCountry\":\"cn\",\"declaredOn\":\"2024-05-01\",\"assessed\":true}\n" + // 1
            "{\"description\":\"BROKEN\",\"code\":\n" +                                    // 2 broken JSON
            "\n" +                                                                        // 3 blank
            "{\"description\":\"NO CODE\"}\n" +                                             // 4 missing code
            "{\"goods_description\":\"NUMERIC CODE\",\"hs_code\":87141090,\"extra\":[1,2]}\n" + // 5 ok, unknown property ignored
            "{\"description\":\"LONG CODE\",\"code\":\"8714109000\",\"declaredOn\":\"2024-05-01T08:30:00Z\"}\n" + // 6 ok
            "[1,2,3]\n" +                                                                 // 7 not an object
            "{\"description\":[\"A\"],\"code\":\"87141090\"}\n" +                           // 8 description is an array
            "{\"description\":\"BAD DATE\",\"code\":\"87141090\",\"declaredOn\":\"yesterday\"}\n"); // 9
        var report = new ImportReport();
        var rows = await ReadAllAsync(path, report);

        foreach (var error in report.Errors)
        {
            output.WriteLine($"{error.Line}: {error.Reason}");
        }
        Assert.Equal(3, report.Accepted);
        Assert.Equal([2L, 4, 7, 8, 9], report.Errors.Select(e => e.Line));
        Assert.Equal(5, report.Malformed);
        Assert.StartsWith("broken JSON", report.Errors[0].Reason, StringComparison.Ordinal);

        Assert.Equal("IMP1", rows[0].ImporterId);
        Assert.Equal("CN", rows[0].OriginCountry);
        Assert.True(rows[0].AssessedByOfficer);
        Assert.Equal(new DateOnly(2024, 5, 1), rows[0].DeclaredOn);
        Assert.Equal("87141090", rows[1].Code.Digits);
        Assert.Equal("87141090", rows[2].Code.Digits);
        Assert.Equal(new DateOnly(2024, 5, 1), rows[2].DeclaredOn);
    }

    [Fact]
    public async Task Json_array_is_read_and_errors_name_the_element()
    {
        var path = directory.Write("declarations.json",
            "[ {\"description\":\"A\",\"code\":\"87141090\"},\n  {\"description\":\"B\",\"code\":\"12\"},\n  {\"description\":\"C\",\"code\":\"871410\"} ]");
        var report = new ImportReport();
        var rows = await ReadAllAsync(path, report);
        Assert.Equal(["A", "C"], rows.Select(r => r.Description));
        Assert.Equal(2L, Assert.Single(report.Errors).Line);
    }

    [Fact]
    public async Task Format_is_sniffed_when_the_extension_says_nothing()
    {
        var jsonl = directory.Write("export.dat", "{\"description\":\"A\",\"code\":\"87141090\"}\n");
        var csv = directory.Write("export.txt2", "description,code\nB,87141090\n");
        Assert.Equal("A", Assert.Single(await ReadAllAsync(jsonl, new ImportReport())).Description);
        Assert.Equal("B", Assert.Single(await ReadAllAsync(csv, new ImportReport())).Description);
    }

    [Fact]
    public void Missing_file_throws_at_once_naming_the_path()
    {
        var path = Path.Combine(directory.Path, "nope.csv");
        var error = Assert.Throws<FileNotFoundException>(() => DeclarationImporter.ReadAsync(path, new ImportReport()));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Header_without_a_code_column_is_an_unreadable_file()
    {
        var path = directory.Write("bad-header.csv", "description,price\nSADDLE,10\n");
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync(path, new ImportReport()));
        Assert.Contains("code column", error.Message, StringComparison.Ordinal);
        Assert.Contains("hscode", error.Message, StringComparison.Ordinal);
        Assert.Contains("bad-header.csv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_csv_is_an_unreadable_file()
    {
        var path = directory.Write("empty.csv", "");
        await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync(path, new ImportReport()));
    }

    [Fact]
    public async Task Every_bad_row_is_counted_but_only_the_first_thousand_are_listed()
    {
        var text = new StringBuilder("description,code\n");
        for (var i = 0; i < 1500; i++)
        {
            text.Append("ITEM ").Append(i).Append(",BAD\n");
        }
        text.Append("GOOD,87141090\n");
        var report = new ImportReport();
        var rows = await ReadAllAsync(directory.Write("many-bad.csv", text.ToString()), report);
        Assert.Single(rows);
        Assert.Equal(1500, report.Malformed);
        Assert.Equal(ImportReport.MaxErrorEntries, report.Errors.Count);
        Assert.Equal(2L, report.Errors[0].Line);
        Assert.Equal(1001L, report.Errors[^1].Line);
    }

    [Fact]
    public async Task Progress_reports_growing_byte_counts_up_to_the_file_size()
    {
        var path = Path.Combine(directory.Path, "progress.csv");
        await WriteSimpleCsvAsync(path, 60_000);
        var progress = new RecordingProgress();
        var report = new ImportReport();
        var count = 0;
        await foreach (var _ in DeclarationImporter.ReadAsync(path, report, progress))
        {
            count++;
        }
        Assert.Equal(60_000, count);
        Assert.True(progress.Values.Count >= 2, $"only {progress.Values.Count} progress reports");
        Assert.Equal(progress.Values.Order(), progress.Values);
        Assert.Equal(new FileInfo(path).Length, progress.Values[^1]);
    }

    [Fact]
    public async Task Cancellation_stops_the_stream()
    {
        var path = Path.Combine(directory.Path, "cancel.csv");
        await WriteSimpleCsvAsync(path, 10_000);
        using var cancellation = new CancellationTokenSource();
        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in DeclarationImporter.ReadAsync(path, new ImportReport(), cancellationToken: cancellation.Token))
            {
                if (++seen == 10)
                {
                    await cancellation.CancelAsync();
                }
            }
        });
        Assert.Equal(10, seen);
    }

    internal static async Task WriteSimpleCsvAsync(string path, int rows)
    {
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        await writer.WriteLineAsync("description,code,importer_id,origin,declared_on");
        for (var i = 0; i < rows; i++)
        {
            await writer.WriteLineAsync($"BRASS BUSS KD BAIK BARU {i % 997} PCS K-{i % 9000 + 1000},8714.10.{i % 90 + 10},IMP{i % 300},CN,2024-05-{i % 28 + 1:D2}");
        }
    }

    /// <summary>Records reports synchronously (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class RecordingProgress : IProgress<long>
    {
        public List<long> Values { get; } = [];

        public void Report(long value) => Values.Add(value);
    }
}
