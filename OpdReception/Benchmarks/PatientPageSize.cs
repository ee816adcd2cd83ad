using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace OpdReception.Benchmarks;

/// <summary>
/// The bytes a phone downloads to show its token page the first time: the page and every script, style sheet and
/// preload it names, each as the server sends it to a browser that accepts brotli and gzip (bodies only, no headers).
/// What a page fetches after it starts (a circuit's render batches, the first event) is not in it.
/// </summary>
public static partial class PatientPageSize
{
    public const double TargetKilobytes = 30;

    public static async Task<BenchRow> MeasureAsync(Uri server, string code, CancellationToken ct)
    {
        using var browser = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = server };
        browser.DefaultRequestHeaders.AcceptEncoding.ParseAdd("gzip, deflate, br, zstd");
        var (html, pageBytes, pageRaw) = await GetAsync(browser, $"/t/{code}", ct);
        var parts = new List<(string Name, long Sent, long Raw)> { ("HTML", pageBytes, pageRaw) };
        foreach (var asset in Assets().Matches(html).Select(m => m.Groups["url"].Value).Distinct())
        {
            var (_, sent, raw) = await GetAsync(browser, asset.StartsWith('/') ? asset : "/" + asset, ct);
            parts.Add((Path.GetFileName(asset), sent, raw));
        }

        var total = parts.Sum(p => p.Sent) / 1024.0;
        var listed = string.Join(", ", parts.Select(p => $"{p.Name} {BenchReport.Number(p.Sent / 1024.0)}"));
        return new BenchRow(PatientPageBenchmark.Group, "first load of the page: HTML + the scripts and style sheets it names, compressed as served",
            $"{BenchReport.Number(total)} KB ({listed}; {BenchReport.Number(parts.Sum(p => p.Raw) / 1024.0)} KB uncompressed)",
            total, "KB", $"target {TargetKilobytes} KB", total / TargetKilobytes)
        {
            Details = parts.ToDictionary(p => $"{p.Name} (bytes sent)", p => (double)p.Sent),
        };
    }

    private static async Task<(string Text, long Sent, long Raw)> GetAsync(HttpClient browser, string path, CancellationToken ct)
    {
        using var answer = await browser.GetAsync(path, ct);
        answer.EnsureSuccessStatusCode();
        var sent = await answer.Content.ReadAsByteArrayAsync(ct);
        var raw = Decode(sent, answer.Content.Headers.ContentEncoding);
        return (Encoding.UTF8.GetString(raw), sent.Length, raw.Length);
    }

    private static byte[] Decode(byte[] body, ICollection<string> encodings)
    {
        Stream? decoder = encodings.LastOrDefault() switch
        {
            "br" => new BrotliStream(new MemoryStream(body), CompressionMode.Decompress),
            "gzip" => new GZipStream(new MemoryStream(body), CompressionMode.Decompress),
            "deflate" => new ZLibStream(new MemoryStream(body), CompressionMode.Decompress),
            _ => null,
        };
        if (decoder is null)
        {
            return body;
        }

        using (decoder)
        {
            using var plain = new MemoryStream();
            decoder.CopyTo(plain);
            return plain.ToArray();
        }
    }

    [GeneratedRegex(@"<script[^>]*\ssrc=""(?<url>[^""]+)""|<link[^>]*\srel=""(?:stylesheet|preload|modulepreload)""[^>]*\shref=""(?<url>[^""]+)""|<link[^>]*\shref=""(?<url>[^""]+)""[^>]*\srel=""(?:stylesheet|preload|modulepreload)""")]
    private static partial Regex Assets();
}
