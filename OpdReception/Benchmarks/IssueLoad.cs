using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpdReception.Benchmarks;

/// <summary>
/// One burst of issuing over HTTP: <see cref="Clients"/> desks at once, each sending its next request as soon as its
/// last was answered, until <see cref="Requests"/> were sent. Every answer is kept: a 201 is a token, a 409 a slot
/// that was full (expected only where the burst asks for more seats than there are), anything else an error.
/// </summary>
public sealed record IssueLoad(string Shape, int Clients, int Requests, Measurement Timing, IReadOnlyList<Issued> Created, int Refused, IReadOnlyList<string> Errors, TimeSpan ServerCpu)
{
    public double TokensPerSecond => Created.Count / Timing.Wall.TotalSeconds;

    /// <summary>How many of the machine's cores the server kept busy on average: below the core count, something other than CPU holds it back.</summary>
    public double ServerCores => ServerCpu / Timing.Wall;

    /// <summary>The server's CPU time per answered request.</summary>
    public double ServerCpuMillisecondsPerRequest => ServerCpu.TotalMilliseconds / Requests;

    public double Milliseconds(double percentile) => Timing.Percentile(percentile) / 1000;

    /// <summary>Runs the burst; request i goes to <paramref name="slotFor"/>(i).</summary>
    public static async Task<IssueLoad> RunAsync(AppServer server, string shape, int clients, int requests, Func<int, int> slotFor, CancellationToken ct)
    {
        var client = server.Client;
        var runs = new TimeSpan[requests];
        var answers = new (HttpStatusCode Status, byte[] Body)[requests];
        var failures = new string?[requests];
        var next = -1;
        var cpu = server.ProcessorTime();
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) is var i && i < requests)
            {
                var body = BenchApi.IssueBody(slotFor(i));
                var one = Stopwatch.StartNew();
                try
                {
                    using var response = await client.PostAsJsonAsync("/api/tokens/walkin", body, ct);
                    answers[i] = (response.StatusCode, await response.Content.ReadAsByteArrayAsync(ct));
                }
                catch (HttpRequestException e)
                {
                    failures[i] = e.Message;
                }

                runs[i] = one.Elapsed;
            }
        }, ct)));
        var timing = new Measurement($"{shape}, {clients} clients", runs, wall.Elapsed);
        var serverCpu = server.ProcessorTime() - cpu;

        // Read the answers after the clock stopped, so parsing them costs the server nothing in the figures.
        var created = new List<Issued>();
        var refused = 0;
        var errors = new List<string>();
        for (var i = 0; i < requests; i++)
        {
            if (failures[i] is { } failure)
            {
                errors.Add($"no answer: {failure}");
            }
            else if (answers[i].Status == HttpStatusCode.Created)
            {
                using var token = JsonDocument.Parse(answers[i].Body);
                created.Add(BenchApi.ToIssued(token.RootElement));
            }
            else if (answers[i].Status == HttpStatusCode.Conflict)
            {
                refused++;
            }
            else
            {
                errors.Add($"{(int)answers[i].Status}: {System.Text.Encoding.UTF8.GetString(answers[i].Body)}");
            }
        }

        return new IssueLoad(shape, clients, requests, timing, created, refused, errors, serverCpu);
    }
}
