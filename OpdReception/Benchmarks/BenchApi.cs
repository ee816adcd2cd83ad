using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpdReception.Benchmarks;

/// <summary>One issued token as its 201 answer named it.</summary>
public sealed record Issued(int Id, int SlotId, string TokenNumber);

/// <summary>What a slot holds, read back through the API.</summary>
public sealed record SlotCount(int SlotId, int MaxCapacity, int EmergencyExtensions, int BookedCount, IReadOnlyList<string> TokenNumbers);

/// <summary>
/// The admin's and the desk's calls the benchmark makes, through the public API only. Setup steps must succeed (a
/// refusal stops the run with the server's words); the timed calls live with their measurements.
/// </summary>
public sealed class BenchApi(HttpClient client)
{
    private static readonly string[] AllWeek = Enum.GetNames<DayOfWeek>();

    public HttpClient Client { get; } = client;

    /// <summary>
    /// The hospital's zone for the run (the Opd:TimeZone setting): a fixed-offset zone where it is about midday now.
    /// Walk-ins and emergencies go into today's slots only and a slot must not be over, so a run at 23:50 in the
    /// machine's own zone would find its day gone; in this zone every run has half a day ahead, whenever it starts.
    /// </summary>
    public static readonly TimeZoneInfo Zone = MiddayZone();

    public static DateTime Now => TimeZoneInfo.ConvertTime(DateTime.UtcNow, Zone);

    public static DateOnly Today => DateOnly.FromDateTime(Now);

    private static TimeZoneInfo MiddayZone()
    {
        // Etc/GMT-5 is UTC+5: the IANA names count the other way round.
        var offset = Math.Clamp(12 - DateTime.UtcNow.Hour, -12, 14);
        return TimeZoneInfo.FindSystemTimeZoneById(offset >= 0 ? $"Etc/GMT-{offset}" : $"Etc/GMT+{-offset}");
    }

    public async Task<int> DoctorAsync(string name, string specialization = "Benchmark Medicine", CancellationToken ct = default)
    {
        var answer = await MustAsync(Client.PostAsJsonAsync("/api/doctors", new { name, specialization, opdDays = AllWeek, room = "B1" }, ct), HttpStatusCode.Created, ct);
        return answer.GetProperty("id").GetInt32();
    }

    public async Task<int> SlotAsync(int doctorId, DateOnly date, TimeOnly start, TimeOnly end, int capacity, CancellationToken ct = default)
    {
        var answer = await MustAsync(Client.PostAsJsonAsync("/api/slots", new
        {
            doctorId,
            date = date.ToString("yyyy-MM-dd"),
            startTime = start.ToString("HH:mm"),
            endTime = end.ToString("HH:mm"),
            maxCapacity = capacity,
            minutesPerConsultation = 1,
        }, ct), HttpStatusCode.Created, ct);
        return answer.GetProperty("id").GetInt32();
    }

    /// <summary>
    /// A slot today that runs to the day's end. Walk-ins and emergencies are for today's slots only (the patient is
    /// here now), and a slot must not be over; a doctor has one such slot a day, so many slots mean many doctors.
    /// </summary>
    public Task<int> TodaySlotAsync(int doctorId, int capacity, CancellationToken ct = default) =>
        SlotAsync(doctorId, Today, TimeOnly.MinValue, EndOfDay, capacity, ct);

    /// <summary>The rest of today (from the start of this hour) cut into <paramref name="count"/> slots one after another.</summary>
    public async Task<List<int>> TodaySlotsAsync(int doctorId, int count, int capacity, CancellationToken ct = default)
    {
        var from = new TimeOnly(Now.Hour, 0);
        var length = (EndOfDay - from) / count;
        var slots = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var end = i == count - 1 ? EndOfDay : from.Add(length * (i + 1));
            slots.Add(await SlotAsync(doctorId, Today, from.Add(length * i), end, capacity, ct));
        }

        return slots;
    }

    /// <summary>Today's slots end here.</summary>
    public static readonly TimeOnly EndOfDay = new(23, 59);

    /// <summary>A staff account as a hospital makes one: the admin's first password, replaced by the person (with <see cref="AppServer.Password"/>).</summary>
    public async Task UserAsync(string email, string role, CancellationToken ct = default)
    {
        const string issued = AppServer.Password + "-issued";
        await MustAsync(Client.PostAsJsonAsync("/api/admin/users", new { email, displayName = "Bench Desk", password = issued, roles = new[] { role } }, ct),
            HttpStatusCode.Created, ct);
        using var person = new HttpClient { BaseAddress = Client.BaseAddress };
        var login = await MustAsync(person.PostAsJsonAsync("/api/auth/login", new { email, password = issued }, ct), HttpStatusCode.OK, ct);
        person.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        await MustAsync(person.PostAsJsonAsync("/api/auth/password", new { currentPassword = issued, newPassword = AppServer.Password }, ct), HttpStatusCode.OK, ct);
    }

    /// <summary>The request body of one issue, the same shape a desk sends: a new patient each time, given the next hospital number.</summary>
    public static object IssueBody(int slotId, string? name = null) =>
        new { slotId, patientName = name ?? "Bench Patient", phoneNumber = "+91 98765 43210", newPatient = true };

    /// <summary>Issues tokens for setting a queue up, <paramref name="clients"/> at a time; every one must be issued.</summary>
    public async Task<List<Issued>> FillAsync(int slotId, int count, string kind = "walkin", int clients = 16, CancellationToken ct = default)
    {
        var issued = new List<Issued>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                var token = await IssueAsync(slotId, kind, null, ct);
                lock (issued)
                {
                    issued.Add(token);
                }
            }
        }));
        return issued;
    }

    public async Task<Issued> IssueAsync(int slotId, string kind = "walkin", string? name = null, CancellationToken ct = default) =>
        ToIssued(await MustAsync(Client.PostAsJsonAsync($"/api/tokens/{kind}", IssueBody(slotId, name), ct), HttpStatusCode.Created, ct));

    public static Issued ToIssued(JsonElement token) =>
        new(token.GetProperty("id").GetInt32(), token.GetProperty("slotId").GetInt32(), token.GetProperty("tokenNumber").GetString()!);

    public async Task CancelTokenAsync(int tokenId, CancellationToken ct = default) =>
        await MustAsync(Client.DeleteAsync($"/api/tokens/{tokenId}/cancel?reason=Benchmark", ct), HttpStatusCode.OK, ct);

    public async Task CancelSlotAsync(int slotId, CancellationToken ct = default) =>
        await MustAsync(Client.PostAsJsonAsync($"/api/slots/{slotId}/cancel", new { reason = "Benchmark: doctor called away" }, ct), HttpStatusCode.OK, ct);

    /// <summary>The slot as the API counts it, and the numbers of its active tokens from its queue.</summary>
    public async Task<SlotCount> CountAsync(int slotId, CancellationToken ct = default)
    {
        var queue = await MustAsync(Client.GetAsync($"/api/tokens/queue/{slotId}", ct), HttpStatusCode.OK, ct);
        var slot = queue.GetProperty("slot");
        return new SlotCount(
            slotId,
            slot.GetProperty("maxCapacity").GetInt32(),
            slot.GetProperty("emergencyExtensions").GetInt32(),
            slot.GetProperty("bookedCount").GetInt32(),
            queue.GetProperty("tokens").EnumerateArray().Select(t => t.GetProperty("tokenNumber").GetString()!).ToList());
    }

    public static async Task<JsonElement> MustAsync(Task<HttpResponseMessage> request, HttpStatusCode expected, CancellationToken ct)
    {
        using var response = await request;
        var body = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException(
                $"Benchmark step {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} answered {(int)response.StatusCode}, not {(int)expected}: {body}");
        }

        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }
}
