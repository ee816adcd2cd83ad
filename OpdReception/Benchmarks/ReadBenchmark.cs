using System.Net;
using System.Net.Http.Json;

namespace OpdReception.Benchmarks;

/// <summary>Timed reads and the reallocation on one server; the same steps run on an empty and on a year-old database.</summary>
public sealed record ReadFigures(IReadOnlyList<Measurement> Reads, Measurement Reallocation, int Moved);

/// <summary>
/// Today's queues set up through the API: one slot per queue size (a slot holds at most 500 seats, so a bigger queue
/// is 500 walk-ins and the rest emergencies, each of which adds a seat, as the rules allow), one doctor's day of several
/// slots, and a cancelled slot whose patients are then reallocated to a named slot of another doctor in one request.
/// </summary>
public static class ReadBenchmark
{
    public static async Task<ReadFigures> RunAsync(AppServer server, BenchSize size, CancellationToken ct)
    {
        var api = new BenchApi(server.Client);
        var reads = new List<(string Name, string Path)>();
        foreach (var tokens in size.QueueSizes)
        {
            var doctor = await api.DoctorAsync($"Dr. Queue {tokens}", ct: ct);
            var slot = await api.TodaySlotAsync(doctor, Math.Min(tokens, BenchSize.MaxCapacity), ct);
            await api.FillAsync(slot, Math.Min(tokens, BenchSize.MaxCapacity), "walkin", ct: ct);
            await api.FillAsync(slot, Math.Max(0, tokens - BenchSize.MaxCapacity), "emergency", ct: ct);
            reads.Add(($"slot queue of {tokens:N0} tokens", $"/api/tokens/queue/{slot}"));
        }

        var dayDoctor = await api.DoctorAsync("Dr. Day", ct: ct);
        foreach (var slot in await api.TodaySlotsAsync(dayDoctor, size.DaySlots, size.TokensPerDaySlot, ct))
        {
            await api.FillAsync(slot, size.TokensPerDaySlot, "walkin", ct: ct);
        }

        reads.Add(($"doctor's day queue ({size.DaySlots} slots, {size.DaySlots * size.TokensPerDaySlot:N0} tokens)",
            $"/api/doctors/{dayDoctor}/queue?date={BenchApi.Today:yyyy-MM-dd}"));

        var measured = new List<Measurement>();
        foreach (var (name, path) in reads)
        {
            for (var i = 0; i < 3; i++)
            {
                await GetAsync(server.Client, path, ct);
            }

            measured.Add(await Measurement.TimeAsync(name, size.ReadRuns, _ => GetAsync(server.Client, path, ct)));
        }

        var (reallocation, moved) = await ReallocateAsync(api, size.ReallocatedTokens, ct);
        return new ReadFigures(measured, reallocation, moved);
    }

    private static async Task<(Measurement Timing, int Moved)> ReallocateAsync(BenchApi api, int tokens, CancellationToken ct)
    {
        var from = await api.TodaySlotAsync(await api.DoctorAsync("Dr. Called Away", "Benchmark Reallocation", ct), tokens, ct);
        var to = await api.TodaySlotAsync(await api.DoctorAsync("Dr. Standing In", "Benchmark Reallocation", ct), tokens, ct);
        await api.FillAsync(from, tokens, "walkin", ct: ct);
        await api.CancelSlotAsync(from, ct);
        var moved = 0;
        var timing = await Measurement.TimeAsync($"reallocate {tokens:N0} tokens of a cancelled slot", 1, async _ =>
        {
            var answer = await BenchApi.MustAsync(api.Client.PostAsJsonAsync($"/api/tokens/reallocate/{from}", new { targetSlotId = to }, ct), HttpStatusCode.OK, ct);
            moved = answer.GetProperty("moved").GetArrayLength();
        });
        if (moved != tokens)
        {
            throw new InvalidOperationException($"The reallocation moved {moved} of {tokens} tokens.");
        }

        return (timing, moved);
    }

    private static async Task GetAsync(HttpClient client, string path, CancellationToken ct)
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead, ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
    }
}
