using System.Net;
using System.Net.Http.Json;
using OpdReception.Services;

namespace OpdReception.Tests.Support;

/// <summary>Sets up doctors and slots through the API, the way an admin would, and issues tokens like a desk.</summary>
public sealed class Desk(HttpClient client)
{
    /// <summary>Tests choose their dates freely (the real clock's tomorrow included); the OPD-day rule has tests of its own.</summary>
    private static readonly string[] AllWeek = Enum.GetNames<DayOfWeek>();

    public HttpClient Client { get; } = client;

    public async Task<DoctorView> Doctor(string specialization = "Cardiology", string? name = null, string[]? opdDays = null)
    {
        var response = await Client.Post("/api/doctors", new { name = name ?? $"Dr. {Guid.NewGuid():N}"[..12], specialization, opdDays = opdDays ?? AllWeek, room = "101" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Read<DoctorView>();
    }

    public async Task<SlotView> Slot(int doctorId, string start = "09:00", string end = "10:00", int capacity = 6, DateOnly? date = null, int minutes = 10)
    {
        var response = await Client.Post("/api/slots", new { doctorId, date = (date ?? OpdApp.Day).ToString("yyyy-MM-dd"), startTime = start, endTime = end, maxCapacity = capacity, minutesPerConsultation = minutes });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Read<SlotView>();
    }

    public async Task<SlotView> NewSlot(int capacity = 6, string specialization = "Cardiology") =>
        await Slot((await Doctor(specialization)).Id, capacity: capacity);

    /// <summary>For a patient on record (their hospital number), or else for a new patient, whoever shares the phone.</summary>
    public Task<HttpResponseMessage> TryIssue(string kind, int slotId, string? patientId = null, string? name = null, string? phone = "+91 98765 43210") =>
        patientId is null
            ? Client.Post($"/api/tokens/{kind}", new { slotId, patientName = name ?? "Asha Verma", phoneNumber = phone, newPatient = true })
            : Client.Post($"/api/tokens/{kind}", new { slotId, patientId, patientName = name ?? "Asha Verma", phoneNumber = phone });

    public async Task<TokenView> Issue(string kind, int slotId, string? patientId = null, string? name = null, string? phone = "+91 98765 43210")
    {
        var response = await TryIssue(kind, slotId, patientId, name, phone);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Read<TokenView>();
    }

    public async Task<QueueView> Queue(int slotId) => await Client.GetFromJsonAsync<QueueView>($"/api/tokens/queue/{slotId}", Json.Options)
        ?? throw new InvalidOperationException();

    public async Task<SlotView> GetSlot(int slotId) => await Client.GetFromJsonAsync<SlotView>($"/api/slots/{slotId}", Json.Options)
        ?? throw new InvalidOperationException();

    public async Task<TokenView> Token(int tokenId) => await Client.GetFromJsonAsync<TokenView>($"/api/tokens/{tokenId}", Json.Options)
        ?? throw new InvalidOperationException();

    public Task<HttpResponseMessage> SetStatus(int tokenId, string status, string? reason = null) =>
        Client.Patch($"/api/tokens/{tokenId}/status", new { status, reason });
}
